# title: Five nodes, no faults: who wins the first election, and when?
from syslab.sim.raft import RaftCluster

cluster = RaftCluster(seed=3, workload=False)
cluster.run(200)  # 200 simulator events: timers firing and messages arriving

for event in cluster.trace.events:
    if event["kind"] == "state" and event["change"] == "role":
        print(f'{event["time"]:>4} ms  {event["node"]} becomes {event["role"]} in term {event["term"]}')
print()
for node in cluster.nodes:
    print(node.name, node.role, "term", node.current_term, "voted for", node.voted_for)
