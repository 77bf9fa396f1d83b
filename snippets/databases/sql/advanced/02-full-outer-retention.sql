-- title: FULL OUTER JOIN of two years: new, retained and lapsed customers
-- dataset: ecommerce
WITH y2023 AS (
    SELECT customer_id, count(*) AS orders_2023
    FROM orders
    WHERE order_date < DATE '2024-01-01' AND status <> 'cancelled'
    GROUP BY customer_id
),
y2024 AS (
    SELECT customer_id, count(*) AS orders_2024
    FROM orders
    WHERE order_date >= DATE '2024-01-01' AND status <> 'cancelled'
    GROUP BY customer_id
)
SELECT
    CASE WHEN a.customer_id IS NULL THEN 'new in 2024'
         WHEN b.customer_id IS NULL THEN 'lapsed (2023 only)'
         ELSE 'retained (both years)' END AS cohort,
    count(*)                              AS customers,
    coalesce(sum(a.orders_2023), 0)       AS orders_2023,
    coalesce(sum(b.orders_2024), 0)       AS orders_2024
FROM y2023 AS a
FULL OUTER JOIN y2024 AS b ON b.customer_id = a.customer_id
GROUP BY cohort
ORDER BY cohort;
