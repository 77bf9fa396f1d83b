-- title: PostgreSQL: an index scan for a narrow range of the primary key
-- engine: postgresql
-- after: databases/sql/query-optimization/11-pg-seq-scan.sql
EXPLAIN (COSTS OFF)
SELECT * FROM shipments WHERE id BETWEEN 1000 AND 1100;
