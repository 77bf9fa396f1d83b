-- title: Right: aggregate each child table to one row per order, then join
-- dataset: ecommerce
WITH items AS (
    SELECT order_id, sum(quantity * unit_price) AS item_revenue
    FROM order_items
    GROUP BY order_id
),
paid AS (
    SELECT order_id, sum(amount) AS amount_paid
    FROM payments
    GROUP BY order_id
)
SELECT
    year(o.order_date)      AS year,
    count(*)                AS orders,
    count(*)                AS joined_rows,
    sum(i.item_revenue)     AS item_revenue,
    sum(p.amount_paid)      AS amount_paid
FROM orders AS o
JOIN items AS i ON i.order_id = o.id
JOIN paid  AS p ON p.order_id = o.id
GROUP BY year
ORDER BY year;
