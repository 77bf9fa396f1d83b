-- title: Running total with the default RANGE frame versus ROWS
-- dataset: ecommerce
WITH order_totals AS (
    SELECT o.id AS order_id, o.order_date,
           sum(i.quantity * i.unit_price) AS order_total
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    WHERE o.status <> 'cancelled'
      AND o.order_date >= DATE '2024-03-01' AND o.order_date < DATE '2024-04-01'
    GROUP BY o.id, o.order_date
)
SELECT
    order_date,
    order_id,
    order_total,
    -- no frame clause: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    sum(order_total) OVER (ORDER BY order_date) AS mtd_range_default,
    sum(order_total) OVER (ORDER BY order_date, order_id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS mtd_rows
FROM order_totals
ORDER BY order_date, order_id
LIMIT 15;
