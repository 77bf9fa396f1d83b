# title: Statistics change the plan: SQLite before and after ANALYZE
# after: databases/sql/query-optimization/02-sqlite-tables.py
conn.execute("CREATE INDEX orders_status ON orders (status)")
conn.execute("CREATE INDEX orders_date ON orders (order_date)")

QUERIES = {
    "delivered in December 2024": ("delivered", "2024-12-01", "2024-12-31"),
    "placed during 2024":         ("placed", "2024-01-01", "2024-12-31"),
}
SQL = "SELECT count(*) FROM orders WHERE status = ? AND order_date BETWEEN ? AND ?"


def chosen_index(args):
    detail = conn.execute("EXPLAIN QUERY PLAN " + SQL, args).fetchone()[3]
    return detail.split("USING INDEX ")[1].split(" ")[0]


def entries_read(index, args):
    """How many index entries a seek on that index has to walk before the other condition is checked."""
    if index == "orders_status":
        return conn.execute("SELECT count(*) FROM orders WHERE status = ?", args[:1]).fetchone()[0]
    return conn.execute("SELECT count(*) FROM orders WHERE order_date BETWEEN ? AND ?", args[1:]).fetchone()[0]


def report(when):
    print(when)
    for label, args in QUERIES.items():
        index = chosen_index(args)
        other = "orders_date" if index == "orders_status" else "orders_status"
        print(f"  {label:<28} uses {index:<14} walks {entries_read(index, args):>6} entries"
              f" (the other index: {entries_read(other, args):>6}); matching rows:"
              f" {conn.execute(SQL, args).fetchone()[0]}")


report("Before ANALYZE (no statistics: an equality looks more selective than a range):")
conn.execute("ANALYZE")
report("After ANALYZE:")
for index, stat in conn.execute("SELECT idx, stat FROM sqlite_stat1 WHERE idx LIKE 'orders_%' ORDER BY idx"):
    rows, per_key = stat.split()[:2]
    print(f"  sqlite_stat1 says {index}: {rows} rows, about {per_key} rows per distinct key")
