-- title: PostgreSQL: a bitmap heap scan for rows scattered across the table
-- engine: postgresql
-- after: databases/sql/query-optimization/11-pg-seq-scan.sql
EXPLAIN (COSTS OFF)
SELECT * FROM shipments WHERE customer_id = 42;
