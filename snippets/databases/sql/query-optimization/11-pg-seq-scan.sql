-- title: PostgreSQL: a table, its statistics, and a sequential scan
-- engine: postgresql
CREATE TABLE shipments (
    id          integer PRIMARY KEY,
    customer_id integer NOT NULL,
    status      text    NOT NULL,
    shipped_on  date    NOT NULL,
    weight_g    integer NOT NULL
);
-- 30,000 rows from integer arithmetic; customer_id is scattered across the table, shipped_on rises with id.
INSERT INTO shipments
SELECT i,
       1 + (i::bigint * 7919) % 3000,
       CASE WHEN i % 50 = 0 THEN 'lost' WHEN i % 10 = 0 THEN 'returned' ELSE 'delivered' END,
       DATE '2024-01-01' + i / 82,
       100 + (i::bigint * 104729) % 20000
FROM generate_series(1, 30000) AS g(i);
CREATE INDEX shipments_customer_shipped ON shipments (customer_id, shipped_on);
-- ANALYZE samples 300 x default_statistics_target = 30,000 rows, so here it reads them all and the statistics are
-- the same on every run. VACUUM also fills the visibility map, which index-only scans rely on.
VACUUM (ANALYZE) shipments;

-- A quarter of the rows match, and no index covers weight_g.
EXPLAIN (COSTS OFF)
SELECT count(*) FROM shipments WHERE weight_g > 15000;
