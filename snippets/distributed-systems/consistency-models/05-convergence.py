# title: Eventual consistency is only about the end: do the replicas agree once writes stop?
from syslab.sim.history import classify, parse_history

# Reads marked "final" happen after quiescence: no more writes, replication had time to finish.
diverged = parse_history(
    """
    alice  w  1    0   10
    bob    w  2    0   10
    carol  r  1  100  110  final
    dave   r  2  100  110  final
    """
)
converged = parse_history(
    """
    alice  w  1    0   10
    bob    w  2    0   10
    carol  r  1    5    8
    carol  r  2  100  110  final
    dave   r  2  100  110  final
    """
)
print(classify(diverged))
print()
print(classify(converged))
