-- title: New rows arrive between two page loads: OFFSET repeats rows, a keyset cursor does not
-- A feed of 100 posts, newest first; post 1 is the newest.
CREATE TABLE feed AS
SELECT id, TIMESTAMP '2024-06-01 12:00:00' - INTERVAL 1 MINUTE * id AS posted_at
FROM range(1, 101) AS t(id);

-- The reader loads page 1 (ten posts).
CREATE TABLE page_1 AS
SELECT id, posted_at FROM feed ORDER BY posted_at DESC, id DESC LIMIT 10;

-- Before they scroll, three new posts are published at the top of the feed.
INSERT INTO feed VALUES
    (101, TIMESTAMP '2024-06-01 12:01:00'),
    (102, TIMESTAMP '2024-06-01 12:02:00'),
    (103, TIMESTAMP '2024-06-01 12:03:00');

-- Page 2, fetched two ways. The keyset cursor is the (posted_at, id) of the last post on page 1.
WITH last_seen AS (
    SELECT posted_at, id FROM page_1 ORDER BY posted_at, id LIMIT 1
), by_offset AS (
    SELECT id FROM feed ORDER BY posted_at DESC, id DESC LIMIT 10 OFFSET 10
), by_keyset AS (
    SELECT f.id
    FROM feed AS f, last_seen AS c
    WHERE f.posted_at < c.posted_at OR (f.posted_at = c.posted_at AND f.id < c.id)
    ORDER BY f.posted_at DESC, f.id DESC
    LIMIT 10
)
SELECT 'LIMIT 10 OFFSET 10' AS page_2_query,
       (SELECT string_agg(id::VARCHAR, ', ' ORDER BY id) FROM by_offset) AS post_ids,
       (SELECT count(*) FROM by_offset WHERE id IN (SELECT id FROM page_1)) AS already_on_page_1
UNION ALL
SELECT 'keyset: after the last post seen',
       (SELECT string_agg(id::VARCHAR, ', ' ORDER BY id) FROM by_keyset),
       (SELECT count(*) FROM by_keyset WHERE id IN (SELECT id FROM page_1))
ORDER BY page_2_query;
