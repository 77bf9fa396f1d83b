# title: Availability against stale reads, per mode, over 20 runs with random partitions
from syslab.sim.history import check_linearizable
from syslab.sim.quorum import QuorumRegister

CONFIGS = [
    ("quorum R=3 W=3 of 5", {"mode": "quorum"}),
    ("quorum R=1 W=1 of 5", {"mode": "quorum", "r": 1, "w": 1}),
    ("sloppy R=2 W=2 of 3", {"mode": "sloppy"}),
    ("primary n1, majority", {"mode": "primary"}),
]
SEEDS = range(20)

print(f"{'mode':<21} {'calls':>5} {'answered':>9} {'stale reads':>12} {'linearizable runs':>18}")
for label, options in CONFIGS:
    ok = failed = reads = stale = linearizable = 0
    for seed in SEEDS:
        model = QuorumRegister(seed, faults="partitions", trace=False, options=options)
        model.sim.run(max_events=1200)  # 2 to 5.5 s of virtual time: up to two partitions
        for call in model.calls:
            ok += call.complete is not None
            failed += call.failed
            if call.kind == "read" and call.complete is not None:
                reads += 1
                stale += call.stale
        linearizable += check_linearizable(model.history).ok
    calls = ok + failed
    print(
        f"{label:<21} {calls:>5} {100 * ok / calls:>8.1f}% {100 * stale / reads:>11.1f}%"
        f" {linearizable:>12} of {len(SEEDS)}"
    )
