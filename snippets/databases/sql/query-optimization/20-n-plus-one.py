# title: N+1 queries: count the statements, then fix with a join or one batched IN list
# after: databases/sql/query-optimization/02-sqlite-tables.py
statements = []
conn.set_trace_callback(statements.append)   # SQLite reports every statement it runs


def recent_orders_n_plus_one():
    """What a lazy-loading ORM does: one query for the list, then one per row for the related object."""
    orders = conn.execute("SELECT id, customer_id, amount_cents FROM orders ORDER BY id DESC LIMIT 50").fetchall()
    page = []
    for order_id, customer_id, amount in orders:
        email = conn.execute("SELECT email FROM customers WHERE id = ?", (customer_id,)).fetchone()[0]
        page.append((order_id, email, amount))
    return page


def recent_orders_join():
    return conn.execute(
        """SELECT o.id, c.email, o.amount_cents
           FROM (SELECT * FROM orders ORDER BY id DESC LIMIT 50) AS o
           JOIN customers AS c ON c.id = o.customer_id
           ORDER BY o.id DESC"""
    ).fetchall()


def recent_orders_batched():
    """Two queries whatever the page size: the list, then all related rows in one IN list."""
    orders = conn.execute("SELECT id, customer_id, amount_cents FROM orders ORDER BY id DESC LIMIT 50").fetchall()
    ids = sorted({customer_id for _, customer_id, _ in orders})
    marks = ", ".join("?" * len(ids))
    emails = dict(conn.execute(f"SELECT id, email FROM customers WHERE id IN ({marks})", ids).fetchall())
    return [(order_id, emails[customer_id], amount) for order_id, customer_id, amount in orders]


results = {}
for name, fetch in (("N+1", recent_orders_n_plus_one), ("JOIN", recent_orders_join),
                    ("IN-list batch", recent_orders_batched)):
    statements.clear()
    results[name] = fetch()
    count = len(statements)
    print(f"{name:<14} {count:>3} statement{'' if count == 1 else 's'} for {len(results[name])} rows")

print("All three return the same page:", results["N+1"] == results["JOIN"] == results["IN-list batch"])
conn.set_trace_callback(None)
order_id, email, amount = results["JOIN"][0]
print(f"Newest order: #{order_id} by {email}, {amount} cents")
