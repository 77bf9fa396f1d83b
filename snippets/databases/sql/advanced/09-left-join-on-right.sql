-- title: Right: the same filter in the ON clause keeps customers without 2024 orders
-- dataset: ecommerce
WITH per_customer AS (
    SELECT c.id, c.country, count(o.id) AS orders_2024
    FROM customers AS c
    LEFT JOIN orders AS o
           ON o.customer_id = c.id
          AND o.order_date >= DATE '2024-01-01'
    GROUP BY c.id, c.country
)
SELECT country,
       count(*)                                 AS customers,
       count(*) FILTER (WHERE orders_2024 = 0)  AS customers_without_2024_orders,
       sum(orders_2024)                         AS orders_2024
FROM per_customer
GROUP BY country
ORDER BY country;
