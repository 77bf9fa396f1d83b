-- title: EXPLAIN in DuckDB: a three-table join, read from the bottom up
-- dataset: ecommerce
-- dialect_note: EXPLAIN prints each engine's own plan format; the PostgreSQL plans further down the page come from PostgreSQL itself.
EXPLAIN
SELECT count(*) AS order_lines, sum(oi.quantity) AS units
FROM customers AS c
JOIN orders AS o ON o.customer_id = c.id
JOIN order_items AS oi ON oi.order_id = o.id
WHERE c.country = 'Japan'
  AND o.order_date >= DATE '2024-01-01';
