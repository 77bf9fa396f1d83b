-- title: The same pivot without PIVOT: FILTER and CASE, and the missing ELSE 0
-- dataset: ecommerce
SELECT
    year(order_date)                                       AS year,
    count(*) FILTER (WHERE status = 'delivered')           AS delivered,
    sum(CASE WHEN status = 'returned' THEN 1 ELSE 0 END)   AS returned,
    count(CASE WHEN status = 'cancelled' THEN 1 END)       AS cancelled,
    sum(CASE WHEN status = 'placed' THEN 1 END)            AS placed_no_else,
    count(*) FILTER (WHERE status = 'placed')              AS placed
FROM orders
GROUP BY year
ORDER BY year;
