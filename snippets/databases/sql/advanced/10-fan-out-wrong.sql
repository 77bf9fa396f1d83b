-- title: Wrong: joining two child tables at once multiplies both sums
-- dataset: ecommerce
SELECT
    year(o.order_date)                  AS year,
    count(DISTINCT o.id)                AS orders,
    count(*)                            AS joined_rows,
    sum(i.quantity * i.unit_price)      AS item_revenue,
    sum(p.amount)                       AS amount_paid
FROM orders AS o
JOIN order_items AS i ON i.order_id = o.id
JOIN payments    AS p ON p.order_id = o.id
GROUP BY year
ORDER BY year;
