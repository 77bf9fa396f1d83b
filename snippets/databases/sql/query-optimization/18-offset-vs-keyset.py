# title: OFFSET against keyset pagination: plans and rows read for page 501
import sqlite3

conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, created_at TEXT NOT NULL, body TEXT NOT NULL)")
conn.executemany(
    "INSERT INTO posts VALUES (?, ?, ?)",
    [(i, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:00", f"post {i}")
     for i in range(1, 50001)],
)
# The feed is newest first; id breaks ties between posts created in the same second.
conn.execute("CREATE INDEX posts_feed ON posts (created_at, id)")

# A counter in the WHERE clause: SQLite calls it once for every index entry it reads.
rows_read = 0


def read(_):
    global rows_read
    rows_read += 1
    return True


conn.create_function("counted", 1, read)
PAGE = 20
OFFSET_SQL = f"""SELECT id, created_at FROM posts WHERE counted(id)
                 ORDER BY created_at DESC, id DESC LIMIT {PAGE} OFFSET ?"""
KEYSET_ROW_VALUE = f"""SELECT id, created_at FROM posts WHERE counted(id) AND (created_at, id) < (?, ?)
                       ORDER BY created_at DESC, id DESC LIMIT {PAGE}"""
KEYSET_OR = f"""SELECT id, created_at FROM posts
                WHERE counted(id) AND (created_at < ? OR (created_at = ? AND id < ?))
                ORDER BY created_at DESC, id DESC LIMIT {PAGE}"""
KEYSET_OR_BOUNDED = f"""SELECT id, created_at FROM posts
                        WHERE counted(id) AND created_at <= ? AND (created_at < ? OR id < ?)
                        ORDER BY created_at DESC, id DESC LIMIT {PAGE}"""

# Page 500 ends with this post: its (created_at, id) is the cursor for page 501.
last_of_500 = conn.execute(OFFSET_SQL, (499 * PAGE,)).fetchall()[-1]
cursor_at, cursor_id = last_of_500[1], last_of_500[0]

for label, sql, args in (
    ("OFFSET 10000", OFFSET_SQL, (500 * PAGE,)),
    ("keyset, row value (created_at, id) < (?, ?)", KEYSET_ROW_VALUE, (cursor_at, cursor_id)),
    ("keyset, spelled with OR", KEYSET_OR, (cursor_at, cursor_at, cursor_id)),
    ("keyset, OR plus a plain bound created_at <= ?", KEYSET_OR_BOUNDED, (cursor_at, cursor_at, cursor_id)),
):
    print(label)
    for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args):
        print("    plan:", row[3])
    rows_read = 0
    page = conn.execute(sql, args).fetchall()
    print(f"    index entries read: {rows_read}, rows returned: {len(page)}, first id on page: {page[0][0]}")
