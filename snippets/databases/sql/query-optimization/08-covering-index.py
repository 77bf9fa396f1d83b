# title: A covering index answers from the index alone
# after: databases/sql/query-optimization/02-sqlite-tables.py
SQL = "SELECT order_date, amount_cents FROM orders WHERE customer_id = ? ORDER BY order_date"

conn.execute("CREATE INDEX orders_customer ON orders (customer_id)")
print("Index on (customer_id): find the entries, then look up each row in the table")
plan(SQL, 42)

conn.execute("CREATE INDEX orders_customer_cover ON orders (customer_id, order_date, amount_cents)")
print("Index on (customer_id, order_date, amount_cents): every column the query needs is in the index")
plan(SQL, 42)

print("Add one column that is not in the index, and the table lookups come back:")
plan("SELECT order_date, amount_cents, status FROM orders WHERE customer_id = ? ORDER BY order_date", 42)

rows = conn.execute(SQL, (42,)).fetchall()
print(f"Customer 42 has {len(rows)} orders: with the covering index, that is {len(rows)} table lookups saved,"
      " and no sort.")
