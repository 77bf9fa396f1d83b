-- title: Month-over-month and year-over-year revenue with LAG and LEAD
-- dataset: ecommerce
WITH monthly AS (
    SELECT date_trunc('month', o.order_date) AS month,
           sum(i.quantity * i.unit_price) AS revenue
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    WHERE o.status NOT IN ('cancelled', 'returned')
    GROUP BY 1
),
compared AS (
    SELECT
        month,
        revenue,
        LAG(revenue)     OVER (ORDER BY month) AS prev_month,
        LEAD(revenue)    OVER (ORDER BY month) AS next_month,
        LAG(revenue, 12) OVER (ORDER BY month) AS same_month_last_year
    FROM monthly
)
SELECT
    month,
    revenue,
    prev_month,
    round(100 * (revenue - prev_month) / prev_month, 1) AS mom_pct,
    round(100 * (revenue - same_month_last_year) / same_month_last_year, 1) AS yoy_pct,
    next_month
FROM compared
WHERE month >= DATE '2024-01-01'
ORDER BY month;
