# title: A proposer that ignores the promises' reports, caught by the checker
from syslab.sim.paxos import PaxosCluster

SHOWN = ("prepare", "propose", "nack", "learn")

for variant in ("ignore-accepted", "correct"):
    cluster = PaxosCluster(1, variant=variant)  # seed 1, no faults: n1 and n2 start within 5 ms of each other
    result = cluster.run(500)
    print(f"--- {variant}")
    for event in cluster.trace.events:
        if event["kind"] == "state" and event["change"] in SHOWN and event["time"] < 40:
            print(f'{event["time"]:>3} ms  {event["node"]}  {event["label"]}')
    print(result.summary())
    print()
