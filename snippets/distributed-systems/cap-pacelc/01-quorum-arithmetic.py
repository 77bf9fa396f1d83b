# title: Quorum arithmetic for N = 5: which (R, W) pairs overlap, and what each survives
from itertools import combinations

N = 5
nodes = range(N)


def every_read_meets_every_write(r, w):
    """Brute force: is there a read set and a write set with no replica in common?"""
    return all(set(rs) & set(ws) for rs in combinations(nodes, r) for ws in combinations(nodes, w))


print(" R  W  R+W>N  overlap  writes overlap  reads survive  writes survive")
for r, w in [(1, 1), (1, 5), (2, 2), (2, 4), (3, 3), (4, 2), (5, 1)]:
    print(
        f"{r:>2} {w:>2}  {str(r + w > N):<5}  {str(every_read_meets_every_write(r, w)):<7}"
        f"  {str(2 * w > N):<14}  {N - r} down{'':<7}  {N - w} down"
    )
