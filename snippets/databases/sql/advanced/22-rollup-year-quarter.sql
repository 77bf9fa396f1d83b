-- title: ROLLUP: revenue per quarter, a subtotal per year, and a grand total
-- dataset: ecommerce
WITH lines AS (
    SELECT extract(year FROM o.order_date)    AS year,
           extract(quarter FROM o.order_date) AS quarter,
           o.id                               AS order_id,
           i.quantity * i.unit_price          AS revenue
    FROM orders AS o
    JOIN order_items AS i ON i.order_id = o.id
    WHERE o.status NOT IN ('cancelled', 'returned')
)
SELECT
    year,
    quarter,
    GROUPING(year, quarter)             AS grouping_id,
    CASE GROUPING(year, quarter)
         WHEN 0 THEN 'quarter'
         WHEN 1 THEN 'year subtotal'
         WHEN 3 THEN 'grand total' END  AS row_type,
    count(DISTINCT order_id)            AS orders,
    sum(revenue)                        AS revenue
FROM lines
GROUP BY ROLLUP (year, quarter)
ORDER BY GROUPING(year), year, GROUPING(quarter), quarter;
