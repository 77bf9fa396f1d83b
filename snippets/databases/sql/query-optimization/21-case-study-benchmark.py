# title: Case study: a sargable rewrite plus a composite index, measured
# timeout: 60
import sqlite3
import time

conn = sqlite3.connect(":memory:")
conn.execute(
    """CREATE TABLE events (
           id          INTEGER PRIMARY KEY,
           account_id  INTEGER NOT NULL,
           created_at  TEXT    NOT NULL,   -- ISO-8601 text: string order is time order
           kind        TEXT    NOT NULL,
           amount      INTEGER NOT NULL
       )"""
)


def scramble(i):
    """A fixed pseudo-random 32-bit number for row i (integer arithmetic, identical on every run)."""
    h = (i * 0x9E3779B1) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    return h ^ (h >> 13)


def event(i):
    h = scramble(i)
    return (i, 1 + h % 2000,
            f"2024-{1 + (h >> 11) % 12:02d}-{1 + (h >> 15) % 28:02d}T{(h >> 20) % 24:02d}:{(h >> 5) % 60:02d}:00",
            ("view", "view", "view", "cart", "purchase")[(h >> 25) % 5],
            (h >> 3) % 10000)


# 200,000 events from 2,000 accounts during 2024, plus the index the team already had.
conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?)", map(event, range(1, 200_001)))
conn.execute("CREATE INDEX events_created ON events (created_at)")

# The dashboard's slow query: one account's purchases in one month.
BEFORE = """SELECT count(*), coalesce(sum(amount), 0) FROM events
            WHERE account_id = ? AND kind = 'purchase'
              AND strftime('%Y-%m', created_at) = ?"""
# The rewrite: the same month as a range on the bare column, which an index can seek on.
AFTER = """SELECT count(*), coalesce(sum(amount), 0) FROM events
           WHERE account_id = ? AND kind = 'purchase'
             AND created_at >= ? AND created_at < ?"""
ACCOUNTS = (42, 465, 1500)


def run_before():
    return [conn.execute(BEFORE, (account, "2024-03")).fetchone() for account in ACCOUNTS]


def run_after():
    return [conn.execute(AFTER, (account, "2024-03-01", "2024-04-01")).fetchone() for account in ACCOUNTS]


def seconds_per_call(fn, runs=3, min_time=0.05):
    """Best of `runs` timings. Each timing repeats fn until min_time has passed, because a browser's clock can be
    coarse (it may tick only every 0.1 ms or more), then divides by the number of calls."""
    best = float("inf")
    for _ in range(runs):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        best = min(best, elapsed / calls)
    return best


def show_plan(label, sql, args):
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args):
        print(f"{label:<26}{row[3]}")


answer = run_before()
show_plan("1. original query:", BEFORE, (1, "2024-03"))
slow = seconds_per_call(run_before)

show_plan("2. rewrite only:", AFTER, (1, "2024-03-01", "2024-04-01"))
assert run_after() == answer

conn.execute("CREATE INDEX events_account_kind_created ON events (account_id, kind, created_at)")
show_plan("3. rewrite + new index:", AFTER, (1, "2024-03-01", "2024-04-01"))
assert run_after() == answer, "the rewrite must return the same rows"
fast = seconds_per_call(run_after)

for account, (purchases, total) in zip(ACCOUNTS, answer):
    print(f"account {account}: {purchases} purchases in March 2024, amount {total}")
speedup = slow / fast
assert speedup >= 5, f"expected at least 5x, measured {speedup:.1f}x"
print("speed-up of step 3 over step 1: at least 5x (asserted; measured again on every run)")
