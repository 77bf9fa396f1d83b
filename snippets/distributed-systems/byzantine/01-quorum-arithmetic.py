# title: Quorum overlap against the number of liars
from syslab.sim.byzantine import byzantine_quorum, quorum_intersection, tolerates

# A quorum is n - f: the most votes a node can wait for when f nodes may stay silent.
# Two quorums share at least 2q - n nodes. Safety needs that overlap to hold an honest node: overlap > f.
print(" n  f  quorum  overlap  honest in overlap (at least)  safe")
for f in (1, 2):
    for n in range(2 * f + 1, 3 * f + 3):
        q = byzantine_quorum(n, f)
        overlap = quorum_intersection(n, q)
        print(f"{n:2} {f:2} {q:7} {overlap:8} {max(0, overlap - f):29}  {'yes' if tolerates(n, f) else 'no'}")

# Raft and Paxos use majorities of 2f + 1 nodes: safe against f crashes, but two majorities share only one node.
for f in (1, 2, 3):
    n = 2 * f + 1
    print(f"majorities of {n}: quorum {f + 1}, overlap {quorum_intersection(n, f + 1)}: one liar fills it")
