# title: SQLite joins are nested loops; the plan shows which table is outer and how the inner one is reached
# after: databases/sql/query-optimization/02-sqlite-tables.py
JAPAN_DECEMBER = """SELECT count(*) FROM customers AS c JOIN orders AS o ON o.customer_id = c.id
                    WHERE c.country = 'JP' AND o.order_date >= '2024-12-01'"""

print("1. No index on orders.customer_id:")
plan(JAPAN_DECEMBER)

conn.execute("CREATE INDEX orders_customer ON orders (customer_id)")
print("2. After CREATE INDEX orders_customer ON orders (customer_id):")
plan(JAPAN_DECEMBER)

# A join on columns that no index covers: a small table of holidays, joined on the date.
conn.execute("CREATE TABLE holidays (day TEXT NOT NULL, name TEXT NOT NULL)")
conn.executemany("INSERT INTO holidays VALUES (?, ?)",
                 [("2023-12-25", "Christmas"), ("2024-01-01", "New Year"), ("2024-07-04", "Independence Day")])
print("3. Join on a column without an index:")
plan("SELECT h.name, count(*) FROM orders AS o JOIN holidays AS h ON h.day = o.order_date GROUP BY h.name")

print("Japanese customers' orders since 1 December 2024:", conn.execute(JAPAN_DECEMBER).fetchone()[0])
