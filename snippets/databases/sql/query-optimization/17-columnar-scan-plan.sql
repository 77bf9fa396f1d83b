-- title: The plan of a filtered count: columns and filters pushed into the scan
-- after: databases/sql/query-optimization/16-zone-maps.sql
-- dialect_note: EXPLAIN prints each engine's own plan format; the PostgreSQL plans further down the page come from PostgreSQL itself.
EXPLAIN
SELECT count(*) AS events, min(id) AS first_id
FROM events
WHERE event_date BETWEEN DATE '2021-06-01' AND DATE '2021-06-30';
