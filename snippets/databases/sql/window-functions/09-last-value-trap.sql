-- title: FIRST_VALUE and LAST_VALUE with the default frame
-- dataset: ecommerce
SELECT
    p.name,
    p.price,
    FIRST_VALUE(p.name) OVER by_price AS cheapest,
    LAST_VALUE(p.name)  OVER by_price AS last_value_default_frame,
    LAST_VALUE(p.name)  OVER (by_price ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
        AS most_expensive
FROM products AS p
JOIN categories AS c ON c.id = p.category_id
WHERE c.name = 'Audio'
WINDOW by_price AS (ORDER BY p.price, p.id)
ORDER BY p.price, p.id
LIMIT 10;
