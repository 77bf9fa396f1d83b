# title: A partial index holds only the rows a hot query asks for
# after: databases/sql/query-optimization/02-sqlite-tables.py
# The fulfilment screen lists orders still waiting to ship: a small, hot slice of a big table.
conn.execute("CREATE INDEX orders_placed_by_date ON orders (order_date) WHERE status = 'placed'")

indexed = conn.execute("SELECT count(*) FROM orders WHERE status = 'placed'").fetchone()[0]
total = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
print(f"The partial index holds {indexed} entries; a full index on order_date would hold {total}.")

print("Query repeats the index's condition (status = 'placed'):")
plan("SELECT id FROM orders WHERE status = 'placed' AND order_date < '2023-02-01' ORDER BY order_date")

print("Query asks for another status, which the index does not contain:")
plan("SELECT id FROM orders WHERE status = 'shipped' AND order_date < '2023-02-01' ORDER BY order_date")

oldest = conn.execute("SELECT id, order_date FROM orders WHERE status = 'placed' "
                      "ORDER BY order_date, id LIMIT 3").fetchall()
print("Oldest orders still waiting:", ", ".join(f"#{order_id} ({day})" for order_id, day in oldest))
