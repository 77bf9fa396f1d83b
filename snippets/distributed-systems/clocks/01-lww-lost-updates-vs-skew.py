# title: Writes lost by last-write-wins as clock skew grows (wall-clock timestamps vs HLC)
from syslab.sim.clocks import ClockCluster

SEEDS = range(4)
STEPS = 700  # simulator events per run: about 7.5 s of virtual time and some 70 writes


def lost_updates(skew, rule):
    """Writes and lost writes over all seeds, with clocks up to `skew` ms off and LWW by `rule`."""
    writes = lost = 0
    for seed in SEEDS:
        result = ClockCluster(seed, trace=False, options={"max_skew_ms": skew, "lww": rule}).run(STEPS)
        assert result.violation is None
        writes += result.writes
        lost += result.lww_lost_updates
    return writes, lost


print("max offset  writes  lost by wall clock  lost by HLC")
for skew in (0, 10, 50, 150, 500):
    writes, wall = lost_updates(skew, "wall")
    _, hlc = lost_updates(skew, "hlc")
    print(f"{skew:>7} ms  {writes:>6}  {wall:>6} ({100 * wall / writes:4.1f}%)  {hlc:>11}")
