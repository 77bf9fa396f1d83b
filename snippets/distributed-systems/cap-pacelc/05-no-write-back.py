# title: Strict quorums without the read's write-back: the checker finds a read that goes back in time
from syslab.sim.quorum import QuorumRegister

# Seed 6 under chaos faults (lost, delayed and duplicated messages, partitions, crashes),
# 4000 simulator events. Same seed, same faults: only the read's second phase differs.
for variant in ("no-write-back", "correct"):
    model = QuorumRegister(6, faults="chaos", variant=variant, trace=False)
    result = model.run(4000)
    print(f"{variant}: {result.ops_ok} calls answered, {result.ops_failed} failed")
    print("  ", "linearizable" if result.violation is None else result.violation.detail)

# The calls around the violation in the broken run: w67 never returned (its client gave
# up), yet one read saw it and a later read did not.
broken = QuorumRegister(6, faults="chaos", variant="no-write-back", trace=False)
broken.sim.run(max_events=4000)
for call in broken.calls:
    if 8700 <= call.invoke <= 8860 and (call.kind == "read" or call.value == "w67"):
        end = call.complete if call.complete is not None else "no reply"
        what = f"write {call.value}" if call.kind == "write" else f"read -> {call.value}"
        what = "read failed" if call.kind == "read" and call.failed else what
        print(f"{call.process} {what:<13} via {call.node}  {call.invoke}-{end} ms")
