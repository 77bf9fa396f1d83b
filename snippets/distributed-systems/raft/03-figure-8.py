# title: The Figure 8 bug: counting replicas of an old-term entry, caught by the checker
from syslab.sim.raft import run_raft

for variant in ("correct", "commit-old-term"):
    result, _ = run_raft(140, 20_000, faults="chaos", variant=variant, nodes=3, trace=False)
    print(result.summary())
