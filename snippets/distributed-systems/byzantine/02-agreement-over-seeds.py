# title: Does agreement survive f liars? Eight chaos runs per cluster size
from syslab.sim.byzantine import ByzantineCluster, tolerates

SEEDS = range(8)
STEPS = 1000  # simulator events per run: about 10 to 70 agreement instances under chaos

print(" n  f  3f+1?  runs split  runs invalid  instances decided")
for f in (1, 2):
    for n in (3, 4, 5, 7):
        ok = "yes" if tolerates(n, f) else "no "
        if n - f < 2:
            print(f"{n:2} {f:2}  {ok}    (one honest node: nothing to disagree with)")
            continue
        split = invalid = decided = started = 0
        for seed in SEEDS:
            model = ByzantineCluster(seed, faults="chaos", nodes=n, options={"f": f}, trace=False)
            model.run(STEPS)
            split += bool(model.checker.split)
            invalid += bool(model.checker.invalid)
            decided += model.stats()["decided"]
            started += model.instances
        print(f"{n:2} {f:2}  {ok}  {split:6}/{len(SEEDS)}  {invalid:8}/{len(SEEDS)}  {decided:8} of {started}")
