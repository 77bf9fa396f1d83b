# title: The leader crashes: a new leader recovers the open slot, or (skip-recovery) overwrites it
from syslab.sim.multipaxos import MultiPaxosCluster

for variant in ("correct", "skip-recovery"):
    cluster = MultiPaxosCluster(0, variant=variant)  # seed 0, no faults, a client command every 50-150 ms
    cluster.sim.run(until=500)
    old = next(node for node in cluster.nodes if node.role == "leader")
    cluster.crash(old.name)
    print(f"--- {variant}: {old.name} crashes at 500 ms having chosen slots 1-{old.prefix}")
    print("    what the others had learned:", {n.name: n.prefix for n in cluster.nodes if n.up})
    cluster.sim.run(until=1000)
    for event in cluster.trace.events:
        if event["kind"] == "state" and event.get("role") == "leader" and event["time"] > 500:
            # the leader's role event counts the slots it found in phase 1 and proposes again
            print(f'{event["time"]:>5} ms  {event["node"]}  {event["label"]}, re-proposes {event["recovered"]} slot(s)')
    new = next(node for node in cluster.nodes if node.up and node.role == "leader")
    print("    new leader's log:", " ".join(f"{slot}={new.log[slot]}" for slot in range(1, new.prefix + 1)))
    print("    old leader's log:", " ".join(f"{slot}={old.log[slot]}" for slot in range(1, old.prefix + 1)))
    print("   ", cluster.result().summary())
