-- title: PostgreSQL: two indexes combined with BitmapOr
-- engine: postgresql
-- after: databases/sql/query-optimization/11-pg-seq-scan.sql
EXPLAIN (COSTS OFF)
SELECT * FROM shipments WHERE customer_id = 42 OR id = 4242;
