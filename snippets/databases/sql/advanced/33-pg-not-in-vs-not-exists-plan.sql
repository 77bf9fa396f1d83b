-- title: PostgreSQL plans NOT EXISTS as an anti join, and NOT IN as a filter
-- engine: postgresql
CREATE TABLE customers (id integer PRIMARY KEY);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer);  -- nullable: guest checkouts
INSERT INTO customers SELECT g FROM generate_series(1, 10000) AS g;
INSERT INTO orders SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE g % 5000 END FROM generate_series(1, 20000) AS g;
ANALYZE customers, orders;

EXPLAIN (COSTS OFF)
SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)
UNION ALL
SELECT id FROM customers AS c WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.id);
