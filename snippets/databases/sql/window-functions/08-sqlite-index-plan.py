# title: SQLite query plan before and after CREATE INDEX
import datetime
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute(
    """CREATE TABLE orders (
           id           INTEGER PRIMARY KEY,
           customer_id  INTEGER NOT NULL,
           order_date   TEXT    NOT NULL,
           amount_cents INTEGER NOT NULL
       )"""
)

# 5,000 orders from 500 customers; integer arithmetic instead of random numbers.
start = datetime.date(2023, 1, 1)
conn.executemany(
    "INSERT INTO orders VALUES (?, ?, ?, ?)",
    [
        (i, 1 + (i * 7919) % 500,
         (start + datetime.timedelta(days=(i * 37) % 731)).isoformat(),
         500 + (i * 104729) % 20000)
        for i in range(1, 5001)
    ],
)

QUERY = """SELECT id, order_date, amount_cents
           FROM orders
           WHERE customer_id = ?
           ORDER BY order_date"""


def plan():
    # EXPLAIN QUERY PLAN rows are (id, parent, notused, detail); keep the detail text.
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + QUERY, (42,))]


before = plan()
conn.execute("CREATE INDEX idx_orders_customer_date ON orders (customer_id, order_date)")
after = plan()

print("Before CREATE INDEX:")
for detail in before:
    print("  " + detail)
print("After CREATE INDEX idx_orders_customer_date ON orders (customer_id, order_date):")
for detail in after:
    print("  " + detail)

rows = conn.execute(QUERY, (42,)).fetchall()
print(f"Customer 42 has {len(rows)} orders, first on {rows[0][1]}, last on {rows[-1][1]}.")

scanned = any(d.startswith("SCAN") for d in before)
seeks = any(d.startswith("SEARCH") and "INDEX idx_orders_customer_date" in d for d in after)
sorts_after = any("TEMP B-TREE" in d for d in after)
if scanned and seeks and not sorts_after:
    print("Interpretation: the full scan plus sort became an index seek that returns "
          "the customer's rows already in order_date order, so no sort step is left.")
else:
    print("Interpretation: this SQLite version planned the query differently; compare the lines above.")
