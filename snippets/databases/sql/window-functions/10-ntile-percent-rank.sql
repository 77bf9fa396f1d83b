-- title: NTILE versus PERCENT_RANK buckets when values tie
-- dataset: ecommerce
WITH per_customer AS (
    SELECT customer_id, count(*) AS n_orders
    FROM orders
    GROUP BY customer_id
),
bucketed AS (
    SELECT
        n_orders,
        NTILE(4) OVER (ORDER BY n_orders DESC, customer_id) AS by_ntile,
        least(4, 1 + floor(4 * PERCENT_RANK() OVER (ORDER BY n_orders DESC)))::INTEGER AS by_percent_rank
    FROM per_customer
)
SELECT 'NTILE(4)' AS method, by_ntile AS quartile,
       count(*) AS customers, max(n_orders) AS most_orders, min(n_orders) AS fewest_orders
FROM bucketed GROUP BY by_ntile
UNION ALL
SELECT 'PERCENT_RANK', by_percent_rank,
       count(*), max(n_orders), min(n_orders)
FROM bucketed GROUP BY by_percent_rank
ORDER BY method, quartile;
