# title: Lamport clocks order every event; only vector clocks can tell "before" from "concurrent"
NODES = ["a", "b", "c"]
lamport = dict.fromkeys(NODES, 0)
vector = {n: [0, 0, 0] for n in NODES}
stamps = {}


def tick(node, name, msg=None):
    """One event at `node`; `msg` is the (Lamport, vector) stamp of a message being received."""
    i = NODES.index(node)
    if msg is None:
        lamport[node] += 1
    else:
        lamport[node] = max(lamport[node], msg[0]) + 1
        vector[node] = [max(x, y) for x, y in zip(vector[node], msg[1], strict=True)]
    vector[node][i] += 1
    stamps[name] = (lamport[node], list(vector[node]))
    return stamps[name]


def relation(x, y):
    vx, vy = stamps[x][1], stamps[y][1]
    if vx == vy:
        return "same event"
    if all(p <= q for p, q in zip(vx, vy, strict=True)):
        return "happens before"
    if all(p >= q for p, q in zip(vx, vy, strict=True)):
        return "happens after"
    return "concurrent with"


m1 = tick("a", "a1 send to b")
tick("a", "a2 local")
tick("b", "b1 local")
tick("b", "b2 receive from a", m1)
m2 = tick("b", "b3 send to c")
tick("c", "c1 local")
tick("c", "c2 receive from b", m2)

for name, (clock, vec) in stamps.items():
    print(f"{name:<20} L={clock}  V={vec}")
print()
for x, y in [("a1 send to b", "c2 receive from b"), ("a2 local", "b3 send to c"), ("c1 local", "b2 receive from a")]:
    lx, ly = stamps[x][0], stamps[y][0]
    print(f"{x} {relation(x, y)} {y}   (L: {lx} vs {ly})")
