-- title: Semi and anti joins written four ways, and the inner join that over-counts
-- dataset: ecommerce
SELECT 'semi: EXISTS' AS method, count(*) AS customers
FROM customers AS c
WHERE EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.id)
UNION ALL
SELECT 'semi: IN', count(*)
FROM customers AS c
WHERE c.id IN (SELECT o.customer_id FROM orders AS o)
UNION ALL
SELECT 'semi: SEMI JOIN (DuckDB)', count(*)
FROM customers AS c SEMI JOIN orders AS o ON o.customer_id = c.id
UNION ALL
SELECT 'wrong semi: INNER JOIN', count(*)
FROM customers AS c JOIN orders AS o ON o.customer_id = c.id
UNION ALL
SELECT 'anti: NOT EXISTS', count(*)
FROM customers AS c
WHERE NOT EXISTS (SELECT 1 FROM orders AS o WHERE o.customer_id = c.id)
UNION ALL
SELECT 'anti: LEFT JOIN ... IS NULL', count(*)
FROM customers AS c LEFT JOIN orders AS o ON o.customer_id = c.id
WHERE o.id IS NULL
UNION ALL
SELECT 'anti: ANTI JOIN (DuckDB)', count(*)
FROM customers AS c ANTI JOIN orders AS o ON o.customer_id = c.id
UNION ALL
SELECT 'anti: NOT IN', count(*)
FROM customers AS c
WHERE c.id NOT IN (SELECT o.customer_id FROM orders AS o)
ORDER BY method;
