-- title: Seven-day moving average across a gap in the calendar
-- dataset: ecommerce
WITH daily AS (
    SELECT o.order_date AS day, sum(i.quantity * i.unit_price) AS revenue
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    WHERE o.status NOT IN ('cancelled', 'returned')
    GROUP BY o.order_date
),
windowed AS (
    SELECT
        day,
        revenue,
        min(day) OVER last_7_rows AS rows_frame_starts,
        round(avg(revenue) OVER last_7_rows, 2) AS avg_7_rows,
        round(avg(revenue) OVER last_7_days, 2) AS avg_7_days_with_sales,
        round(sum(revenue) OVER last_7_days / 7, 2) AS avg_7_calendar_days
    FROM daily
    WINDOW last_7_rows AS (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW),
           last_7_days AS (ORDER BY day RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW)
)
SELECT *
FROM windowed
WHERE day BETWEEN DATE '2023-08-09' AND DATE '2023-08-27'
ORDER BY day;
