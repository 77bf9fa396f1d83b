-- title: Cardinality estimates from the first plan, next to the real row counts
-- dataset: ecommerce
-- dialect_note: stats() is a DuckDB function, and the estimates are DuckDB's; PostgreSQL keeps its statistics in pg_stats.
-- estimated_rows are copied from the EXPLAIN output of the first snippet on this page (the "~N rows" lines).
SELECT step, what_the_optimizer_knows, estimated_rows, actual_rows
FROM (
    SELECT 1 AS n, 'customers WHERE country = ''Japan''' AS step,
           (SELECT stats(country) FROM customers LIMIT 1) AS what_the_optimizer_knows,
           46 AS estimated_rows,
           (SELECT count(*) FROM customers WHERE country = 'Japan') AS actual_rows
    UNION ALL
    SELECT 2, 'orders WHERE order_date >= 2024-01-01',
           (SELECT stats(order_date) FROM orders LIMIT 1),
           488,
           (SELECT count(*) FROM orders WHERE order_date >= DATE '2024-01-01')
    UNION ALL
    SELECT 3, 'join of all three tables',
           'no statistics for a join result: derived from the inputs',
           44,
           (SELECT count(*)
            FROM customers AS c
            JOIN orders AS o ON o.customer_id = c.id
            JOIN order_items AS oi ON oi.order_id = o.id
            WHERE c.country = 'Japan' AND o.order_date >= DATE '2024-01-01')
)
ORDER BY n;
