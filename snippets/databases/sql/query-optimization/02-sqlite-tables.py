# title: The SQLite tables the Python examples share
import datetime
import sqlite3

conn = sqlite3.connect(":memory:")
conn.executescript(
    """
    CREATE TABLE customers (
        id      INTEGER PRIMARY KEY,     -- the rowid: the table's own B-tree key
        email   TEXT    NOT NULL,
        country TEXT    NOT NULL
    );
    CREATE TABLE orders (
        id           INTEGER PRIMARY KEY,
        customer_id  INTEGER NOT NULL,   -- customers.id; deliberately not indexed yet
        order_date   TEXT    NOT NULL,   -- ISO date text, so text order is date order
        status       TEXT    NOT NULL,
        amount_cents INTEGER NOT NULL
    );
    """
)


def scramble(i):
    """A fixed pseudo-random 32-bit number for row i: integer arithmetic, the same on every run."""
    h = (i * 0x9E3779B1) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    return h ^ (h >> 13)


COUNTRIES = ("US", "US", "US", "DE", "GB", "FR", "JP", "IN", "BR", "CA")
conn.executemany(
    "INSERT INTO customers VALUES (?, ?, ?)",
    [(i, f"User{i}@Example.com", COUNTRIES[scramble(i) % 10]) for i in range(1, 2001)],
)


def status(h):
    r = h % 100   # skewed on purpose: most orders are delivered, few are still open
    return ("placed" if r < 3 else "shipped" if r < 10 else "cancelled" if r < 14
            else "returned" if r < 17 else "delivered")


first_day = datetime.date(2023, 1, 1)
conn.executemany(
    "INSERT INTO orders VALUES (?, ?, ?, ?, ?)",
    [
        (i, 1 + scramble(i) % 2000,
         (first_day + datetime.timedelta(days=(scramble(i) >> 12) % 731)).isoformat(),
         status(scramble(i) >> 20),
         100 + (scramble(i) >> 7) % 50000)
        for i in range(1, 50001)
    ],
)


def plan(sql, *args):
    """Print SQLite's plan for sql, one line per step; indentation shows nesting."""
    rows = conn.execute("EXPLAIN QUERY PLAN " + sql, args).fetchall()
    depth = {0: -1}
    for node_id, parent, _, detail in rows:
        depth[node_id] = depth.get(parent, -1) + 1
        print("    " + "  " * depth[node_id] + detail)


for table in ("customers", "orders"):
    print(f"{table}: {conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]} rows")
counts = conn.execute("SELECT status, count(*) FROM orders GROUP BY status ORDER BY count(*) DESC, status")
print("orders by status:", ", ".join(f"{name} {n}" for name, n in counts))
