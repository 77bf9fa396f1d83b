# title: A sloppy-quorum history the linearizability checker rejects, and what convergence still promises
from syslab.sim.history import check_linearizable
from syslab.sim.quorum import QuorumRegister

model = QuorumRegister(1, faults="partitions", trace=False, options={"mode": "sloppy"})
model.sim.run(max_events=1500)
verdict = check_linearizable(model.history)
print("linearizable:", verdict.ok)
print(verdict.reason)
stats = model.stats()
print(f"hinted writes: {stats['hints']}, handed off so far: {stats['handoffs']}, stale reads: {stats['reads_stale']}")

result = model.run(0)  # finish(): stop the faults, heal, run quietly for 10 s, check the homes agree
print("after the quiet period:", "converged" if result.violation is None else result.violation.detail)
print("home replicas:", ", ".join(f"{n.name}={n.value}" for n in model.nodes[:3]))
print("hints left:", sum(len(n.hints) for n in model.nodes))
