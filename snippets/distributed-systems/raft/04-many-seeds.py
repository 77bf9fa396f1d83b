# title: Safety under chaos: twenty seeds, every property checked on every run
from syslab.sim.raft import run_raft

terms, committed, violations = [], [], 0
for seed in range(20):
    result, _ = run_raft(seed, 5000, faults="chaos", trace=False)
    terms.append(result.terms)
    committed.append(result.committed)
    violations += result.violation is not None

print("runs:", 20, " violations:", violations)
print("terms reached: min", min(terms), "max", max(terms))
print("entries committed: min", min(committed), "max", max(committed))

result, _ = run_raft(2, 10_000, faults="chaos", variant="double-vote", trace=False)
print(result.summary())
