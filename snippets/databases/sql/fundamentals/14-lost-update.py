# title: A lost update in application code, and two ways to prevent it
import os
import sqlite3
import tempfile

# Two connections to one SQLite file stand in for two app servers selling the same tent.
path = os.path.join(tempfile.mkdtemp(), "shop.db")
# isolation_level=None is autocommit: every statement is its own transaction.
alice = sqlite3.connect(path, isolation_level=None)
bob = sqlite3.connect(path, isolation_level=None)
alice.execute(
    "CREATE TABLE stock (sku TEXT PRIMARY KEY, on_hand INTEGER NOT NULL, version INTEGER NOT NULL)"
)


def reset():
    alice.execute("DELETE FROM stock")
    alice.execute("INSERT INTO stock VALUES ('TENT-2P', 10, 1)")


def on_hand():
    return alice.execute("SELECT on_hand FROM stock").fetchone()[0]


# 1. Read, compute in the application, write back. Both read 10; the second write erases the first.
reset()
a = alice.execute("SELECT on_hand FROM stock WHERE sku = 'TENT-2P'").fetchone()[0]
b = bob.execute("SELECT on_hand FROM stock WHERE sku = 'TENT-2P'").fetchone()[0]
alice.execute("UPDATE stock SET on_hand = ? WHERE sku = 'TENT-2P'", (a - 3,))
bob.execute("UPDATE stock SET on_hand = ? WHERE sku = 'TENT-2P'", (b - 2,))
print(f"read-modify-write:   sold 3 + 2, on_hand = {on_hand()} (should be 5)")

# 2. Let the database do the arithmetic, with the business rule in the WHERE clause.
reset()
for conn, qty in ((alice, 3), (bob, 2)):
    conn.execute("UPDATE stock SET on_hand = on_hand - ? WHERE sku = 'TENT-2P' AND on_hand >= ?", (qty, qty))
print(f"atomic UPDATE:       sold 3 + 2, on_hand = {on_hand()}")

# 3. Optimistic concurrency: write only if the row still has the version you read;
#    otherwise re-read and retry.
reset()
seen = {conn: conn.execute("SELECT on_hand, version FROM stock").fetchone() for conn in (alice, bob)}
for name, conn, qty in (("alice", alice, 3), ("bob", bob, 2)):
    while True:
        stock, version = seen[conn]
        cursor = conn.execute(
            "UPDATE stock SET on_hand = ?, version = version + 1 WHERE sku = 'TENT-2P' AND version = ?",
            (stock - qty, version),
        )
        if cursor.rowcount == 1:
            print(f"version check:       {name} wrote on_hand = {stock - qty} over version {version}")
            break
        print(f"version check:       {name}'s write matched no row (version {version} is stale)")
        seen[conn] = conn.execute("SELECT on_hand, version FROM stock").fetchone()
print(f"version check:       sold 3 + 2, on_hand = {on_hand()}")
