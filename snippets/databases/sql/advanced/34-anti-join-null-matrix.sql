-- title: Five anti joins over the same rows, with a NULL on each side
-- dialect_note: ANTI JOIN and list() are DuckDB-specific. The NOT EXISTS, LEFT JOIN and NOT IN forms are standard SQL and behave the same way in PostgreSQL and MySQL.
CREATE TABLE a (x INTEGER);
INSERT INTO a VALUES (1), (2), (3), (NULL);
CREATE TABLE b (y INTEGER);
INSERT INTO b VALUES (1), (NULL);

SELECT 1 AS pos, 'NOT EXISTS' AS form, coalesce(list(x ORDER BY x), []) AS rows_kept
FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.y = a.x)
UNION ALL
SELECT 2, 'LEFT JOIN ... WHERE b.y IS NULL', coalesce(list(x ORDER BY x), [])
FROM a LEFT JOIN b ON b.y = a.x WHERE b.y IS NULL
UNION ALL
SELECT 3, 'ANTI JOIN (DuckDB)', coalesce(list(x ORDER BY x), [])
FROM a ANTI JOIN b ON b.y = a.x
UNION ALL
SELECT 4, 'NOT IN', coalesce(list(x ORDER BY x), [])
FROM a WHERE x NOT IN (SELECT y FROM b)
UNION ALL
SELECT 5, 'NOT IN, NULLs removed from b', coalesce(list(x ORDER BY x), [])
FROM a WHERE x NOT IN (SELECT y FROM b WHERE y IS NOT NULL)
ORDER BY pos;
