# title: A reply visible before its question: breaks causality, keeps the session guarantees
from syslab.sim.history import classify, parse_history

# Two keys: q holds the question, a the answer. Bob answers after reading the question;
# carol sees the answer, then reads q and finds nothing there.
history = parse_history(
    """
    alice  w  why?     0  10  key=q
    bob    r  why?    20  30  key=q
    bob    w  because 40  50  key=a
    carol  r  because 60  70  key=a
    carol  r  -       80  90  key=q
    """
)
print(classify(history))
