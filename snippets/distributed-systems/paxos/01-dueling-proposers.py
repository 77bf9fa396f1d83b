# title: Two proposers duel: immediate retries against randomized backoff
from syslab.sim.paxos import PaxosCluster


def duel(seed: int, backoff: str) -> PaxosCluster:
    cluster = PaxosCluster(seed, options={"backoff": backoff})
    cluster.sim.run(until=1000)  # the first second of virtual time
    return cluster


# Seed 52 with immediate retries: what the two proposers did until a value was chosen.
cluster = duel(52, "none")
for event in cluster.trace.events:
    if event["kind"] == "state" and event["node"] in ("n1", "n2") and event["change"] in ("prepare", "propose"):
        if event["time"] <= cluster.chosen_at:
            print(f'{event["time"]:>3} ms  {event["node"]}  {event["label"]}')
print("chosen at", cluster.chosen_at, "ms after", cluster.ballots_to_choose, "ballots")
calm = duel(52, "random")
print("same seed, randomized backoff: chosen at", calm.chosen_at, "ms after", calm.ballots_to_choose, "ballots")
print()

# The same comparison over 100 seeds, three proposers this time.
for backoff in ("none", "random"):
    counts = []
    for seed in range(100):
        cluster = PaxosCluster(seed, trace=False, options={"proposers": 3, "backoff": backoff})
        cluster.sim.run(until=1000)
        counts.append(cluster.stats()["ballots_to_choose"] if cluster.chosen_at >= 0 else 999)
    counts.sort()
    print(f"backoff={backoff:<6} ballots until chosen: median {counts[50]}, 95th percentile {counts[95]}, "
          f"worst {counts[-1]}; chosen within 1 s in {sum(c < 999 for c in counts)} of 100 runs")
