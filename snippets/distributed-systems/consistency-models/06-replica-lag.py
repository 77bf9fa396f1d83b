# title: Reading from an asynchronous replica, checked for linearizability
import random

from syslab.sim.history import Op, check_linearizable


def run(read_from: str, seed: int = 7, calls: int = 600) -> list[Op]:
    """Three clients call a primary (writes) and a replica that applies each write LAG_MS later (reads)."""
    rng = random.Random(seed)
    lag_ms = 40
    applied: list[tuple[int, int]] = []  # (time the write becomes visible on the replica, value)
    latest = None  # the primary's value
    free = {"c1": 0, "c2": 3, "c3": 7}  # when each client may start its next call
    history = []
    for value in range(1, calls + 1):
        client = min(free, key=lambda c: (free[c], c))
        start = free[client]
        end = start + rng.randint(2, 8)
        if rng.random() < 0.4:  # a write: the primary applies it at once, the replica lag_ms later
            latest = value
            applied.append((end + lag_ms, value))
            history.append(Op.w(client, value, start, end))
        elif read_from == "primary":
            history.append(Op.r(client, latest, start, end))
        else:  # the replica's value: the last write whose lag has elapsed
            seen = [v for t, v in applied if t <= start]
            history.append(Op.r(client, seen[-1] if seen else None, start, end))
        free[client] = end + rng.randint(1, 10)
    return history


for target in ("primary", "replica"):
    history = run(target)
    verdict = check_linearizable(history)
    print(f"reads from the {target}: {len(history)} calls, linearizable: {verdict.ok}")
    if not verdict.ok:
        print("  ", verdict.reason)
