# title: Composite index column order: equality columns first, then the range
# after: databases/sql/query-optimization/02-sqlite-tables.py
SQL = """SELECT count(*), sum(amount_cents) FROM orders
         WHERE customer_id = ? AND order_date BETWEEN ? AND ?"""
CUSTOMER, START, END = 42, "2024-01-01", "2024-06-30"

# Range column first: the seek can only narrow on order_date. Every entry in the date range is read,
# and customer_id is checked entry by entry.
conn.execute("CREATE INDEX orders_date_customer ON orders (order_date, customer_id)")
print("Index on (order_date, customer_id):")
plan(SQL, CUSTOMER, START, END)
walked = conn.execute("SELECT count(*) FROM orders WHERE order_date BETWEEN ? AND ?", (START, END)).fetchone()[0]
print(f"    index entries in the seek range: {walked}")
answer_1 = conn.execute(SQL, (CUSTOMER, START, END)).fetchone()

# Equality column first: within customer 42's entries, order_date is sorted, so the seek uses both columns.
conn.execute("DROP INDEX orders_date_customer")
conn.execute("CREATE INDEX orders_customer_date ON orders (customer_id, order_date)")
print("Index on (customer_id, order_date):")
plan(SQL, CUSTOMER, START, END)
answer_2 = conn.execute(SQL, (CUSTOMER, START, END)).fetchone()
print(f"    index entries in the seek range: {answer_2[0]}")

print(f"Same answer both ways: {answer_1 == answer_2} ({answer_2[0]} orders, {answer_2[1]} cents)")
