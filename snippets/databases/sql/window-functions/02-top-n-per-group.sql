-- title: Top 2 products by revenue in each category with QUALIFY
-- dataset: ecommerce
WITH product_revenue AS (
    SELECT p.category_id, p.id AS product_id, p.name,
           sum(i.quantity * i.unit_price) AS revenue
    FROM order_items AS i
    JOIN orders   AS o ON o.id = i.order_id
    JOIN products AS p ON p.id = i.product_id
    WHERE o.status NOT IN ('cancelled', 'returned')
    GROUP BY p.category_id, p.id, p.name
)
SELECT
    c.name AS category,
    r.name AS product,
    r.revenue,
    ROW_NUMBER() OVER (PARTITION BY r.category_id
                       ORDER BY r.revenue DESC, r.product_id) AS pos
FROM product_revenue AS r
JOIN categories AS c ON c.id = r.category_id
QUALIFY pos <= 2
ORDER BY category, pos;
