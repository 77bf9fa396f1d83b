# title: Read-your-writes and monotonic reads fail independently
from syslab.sim.history import classify, parse_history

lost_own_write = parse_history(
    """
    alice  w  1   0  10
    alice  r  -  20  30
    """
)
reads_go_back = parse_history(
    """
    alice  w  1   0  10
    bob    r  1  20  30
    bob    r  -  40  50
    """
)
for name, history in [("lost own write", lost_own_write), ("reads go back", reads_go_back)]:
    result = classify(history)
    print(f"{name}: read-your-writes={result.allows('read-your-writes')}", end=" ")
    print(f"monotonic-reads={result.allows('monotonic-reads')} strongest={result.strongest}")
