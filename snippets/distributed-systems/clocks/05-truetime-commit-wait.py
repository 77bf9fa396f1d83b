# title: Commit wait: without it, a transaction that starts later can get a smaller timestamp
import random

rng = random.Random(7)
PAIRS = 10_000


def run(epsilon, commit_wait):
    """T1 commits on node A; after the client hears so, T2 starts on node B. Count T2 timestamps below T1's."""
    out_of_order = 0
    for _ in range(PAIRS):
        error_a, error_b = rng.uniform(-epsilon, epsilon), rng.uniform(-epsilon, epsilon)  # within TrueTime's bound
        t1 = 1000.0  # true time (ms) at which T1 picks its timestamp
        s1 = t1 + error_a + epsilon  # s1 = TT.now().latest on A
        acked = t1 + 2 * epsilon if commit_wait else t1  # wait until TT.now().earliest on A has passed s1
        t2 = acked + rng.uniform(0.0, 1.0)  # the client starts T2 right after the acknowledgement
        s2 = t2 + error_b + epsilon
        out_of_order += s2 <= s1
    return out_of_order


print(f"{'epsilon':>8}  {'commit wait':>11}  {'T2 before T1, no wait':>22}  {'with wait':>9}")
for epsilon in (1.0, 4.0, 7.0):
    print(f"{epsilon:>5.0f} ms  {2 * epsilon:>8.0f} ms  {run(epsilon, False):>16} of {PAIRS}  {run(epsilon, True):>9}")
