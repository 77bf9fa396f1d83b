# title: Else: with no faults at all, the price of consistency is latency (and stale reads when you skip it)
from syslab.sim.quorum import QuorumRegister

CONFIGS = [
    ("quorum R=3 W=3 of 5", {"mode": "quorum"}),
    ("quorum R=1 W=1 of 5", {"mode": "quorum", "r": 1, "w": 1}),
    ("sloppy R=2 W=2 of 3", {"mode": "sloppy"}),
    ("sloppy R=1 W=1 of 3", {"mode": "sloppy", "r": 1, "w": 1}),
    ("primary n1, majority", {"mode": "primary"}),
]


def mean(values):
    return sum(values) / len(values)


print("one-way message delay: 1-10 ms; mean time for a call to return, in ms")
print(f"{'mode':<21} {'read':>6} {'write':>6} {'stale reads':>12}")
for label, options in CONFIGS:
    reads, writes, stale = [], [], 0
    for seed in range(10):
        model = QuorumRegister(seed, faults="none", trace=False, options=options)
        model.sim.run(max_events=1500)
        for call in model.calls:
            if call.complete is None:
                continue
            (reads if call.kind == "read" else writes).append(call.complete - call.invoke)
            stale += call.stale
    print(f"{label:<21} {mean(reads):>6.1f} {mean(writes):>6.1f} {stale:>7} of {len(reads)}")
