-- title: ROW_NUMBER, RANK and DENSE_RANK on tied order counts
-- dataset: ecommerce
WITH orders_2024 AS (
    SELECT customer_id, count(*) AS n_orders
    FROM orders
    WHERE order_date >= DATE '2024-01-01'
    GROUP BY customer_id
)
SELECT
    o.customer_id,
    c.name,
    o.n_orders,
    ROW_NUMBER() OVER (ORDER BY o.n_orders DESC, o.customer_id) AS row_number,
    RANK()       OVER (ORDER BY o.n_orders DESC)                AS rank,
    DENSE_RANK() OVER (ORDER BY o.n_orders DESC)                AS dense_rank
FROM orders_2024 AS o
JOIN customers AS c ON c.id = o.customer_id
ORDER BY o.n_orders DESC, o.customer_id
LIMIT 12;
