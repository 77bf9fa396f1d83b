# title: R + W > N without read repair: a read sees the new value, a later read the old one
from syslab.sim.history import check_linearizable, classify, parse_history

# N = 3 replicas, W = 2, R = 2. Alice's write of 1 reached replica A only, then her
# coordinator stalled: the write is still in flight. Bob reads A and B (sees 1 on A: the
# highest version wins); carol, after bob returned, reads B and C and gets the old value.
history = parse_history(
    """
    alice  w  1    0  100
    bob    r  1   20   30
    carol  r  -   40   50
    """
)
print(check_linearizable(history).reason)
print(classify(history).strongest)
