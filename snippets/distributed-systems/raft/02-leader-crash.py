# title: Crash the leader and time the next election
from syslab.sim.raft import RaftCluster

cluster = RaftCluster(seed=3, workload=False)
cluster.sim.run(until=1000)
old = next(node for node in cluster.nodes if node.role == "leader")
print(f"at {cluster.sim.now} ms the leader is {old.name} (term {old.current_term})")

cluster.crash(old.name)
crashed_at = cluster.sim.now
cluster.sim.run(until=crashed_at + 2000)
new = next(node for node in cluster.nodes if node.up and node.role == "leader")
elected = max(
    e["time"] for e in cluster.trace.events
    if e["kind"] == "state" and e.get("role") == "leader" and e["node"] == new.name
)
print(f"{old.name} crashed at {crashed_at} ms; {new.name} leads term {new.current_term} from {elected} ms")
print(f"no leader for {elected - crashed_at} ms: one election timeout (150-300 ms) plus a vote round")
