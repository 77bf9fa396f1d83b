-- title: PostgreSQL: an index-only scan when the index holds every column the query reads
-- engine: postgresql
-- after: databases/sql/query-optimization/11-pg-seq-scan.sql
EXPLAIN (COSTS OFF)
SELECT shipped_on FROM shipments WHERE customer_id = 42 AND shipped_on >= DATE '2024-06-01';
