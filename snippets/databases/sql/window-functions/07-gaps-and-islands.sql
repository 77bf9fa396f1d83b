-- title: Longest streaks of consecutive order days per customer
-- dataset: ecommerce
WITH order_days AS (
    SELECT DISTINCT customer_id, order_date
    FROM orders
),
islands AS (
    SELECT
        customer_id,
        order_date,
        -- constant within a run of consecutive days, different for each run
        order_date - CAST(ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_date) AS INTEGER)
            AS island_key
    FROM order_days
)
SELECT
    customer_id,
    min(order_date) AS streak_start,
    max(order_date) AS streak_end,
    count(*)        AS days_in_a_row
FROM islands
GROUP BY customer_id, island_key
HAVING count(*) >= 3
ORDER BY days_in_a_row DESC, streak_start, customer_id
LIMIT 10;
