# title: A read that misses a finished write: sequential, not linearizable
from syslab.sim.history import classify, parse_history

# process  w/r  value  invoke  complete   (times in ms; "-" is the initial value)
history = parse_history(
    """
    alice  w  1   0  10
    bob    r  -  20  30
    """
)
print(classify(history))
