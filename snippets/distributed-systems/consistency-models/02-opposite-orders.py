# title: Two readers see two concurrent writes in opposite orders: causal, not sequential
from syslab.sim.history import classify, parse_history

history = parse_history(
    """
    alice  w  1   0  10
    bob    w  2   0  10
    carol  r  1  20  30
    carol  r  2  40  50
    dave   r  2  20  30
    dave   r  1  40  50
    """
)
print(classify(history))
