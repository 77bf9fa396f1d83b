# title: Sargability: a function on the column hides it from the index
# after: databases/sql/query-optimization/02-sqlite-tables.py
conn.execute("CREATE INDEX orders_date ON orders (order_date)")
conn.execute("CREATE INDEX customers_email ON customers (email)")

NOT_SARGABLE = "SELECT count(*) FROM orders WHERE strftime('%Y-%m', order_date) = '2024-02'"
SARGABLE = "SELECT count(*) FROM orders WHERE order_date >= '2024-02-01' AND order_date < '2024-03-01'"
print("1. A function wrapped around the indexed column:")
plan(NOT_SARGABLE)
print("   The same month as a range on the bare column:")
plan(SARGABLE)
february = conn.execute(SARGABLE).fetchone()[0]
assert conn.execute(NOT_SARGABLE).fetchone()[0] == february
print(f"   Both count the same {february} orders.")

# Emails are stored as typed ('User42@Example.com'); the login form looks them up case-insensitively.
LOGIN = "SELECT id FROM customers WHERE lower(email) = ?"
print("2. Case-insensitive lookup with an index on email:")
plan(LOGIN, "user42@example.com")
conn.execute("CREATE INDEX customers_email_lower ON customers (lower(email))")
print("   After CREATE INDEX customers_email_lower ON customers (lower(email)):")
plan(LOGIN, "user42@example.com")
print("   Found customer", conn.execute(LOGIN, ("user42@example.com",)).fetchone()[0])

# Arithmetic on the column is a function too. Move it to the constant side.
print("3. Orders over $400, written two ways (amount is stored in cents):")
conn.execute("CREATE INDEX orders_amount ON orders (amount_cents)")
OVER_400 = ("SELECT count(*) FROM orders WHERE amount_cents / 100.0 > 400",
            "SELECT count(*) FROM orders WHERE amount_cents > 40000")
for sql in OVER_400:
    plan(sql)
divided, compared = (conn.execute(sql).fetchone()[0] for sql in OVER_400)
assert divided == compared
print(f"   Both count the same {compared} orders.")
