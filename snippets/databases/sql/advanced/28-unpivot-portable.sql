-- title: Portable round trip: pivot with FILTER, unpivot with CROSS JOIN LATERAL (VALUES ...)
-- dataset: ecommerce
WITH status_by_year AS (
    SELECT year(order_date)                              AS year,
           count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
           count(*) FILTER (WHERE status = 'delivered') AS delivered,
           count(*) FILTER (WHERE status = 'placed')    AS placed,
           count(*) FILTER (WHERE status = 'returned')  AS returned,
           count(*) FILTER (WHERE status = 'shipped')   AS shipped
    FROM orders
    GROUP BY year(order_date)
)
SELECT s.year, v.status, v.orders
FROM status_by_year AS s
CROSS JOIN LATERAL (VALUES
    ('cancelled', s.cancelled),
    ('delivered', s.delivered),
    ('placed',    s.placed),
    ('returned',  s.returned),
    ('shipped',   s.shipped)
) AS v(status, orders)
WHERE v.orders > 0
ORDER BY s.year, v.status;
