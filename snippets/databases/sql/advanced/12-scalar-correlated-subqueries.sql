-- title: Scalar and correlated subqueries: Audio products priced above their category average
-- dataset: ecommerce
SELECT
    p.id,
    p.name,
    p.price,
    -- correlated scalar subquery: re-evaluated (logically) for each outer row's category
    (SELECT round(avg(p2.price), 2)
     FROM products AS p2
     WHERE p2.category_id = p.category_id)      AS category_avg,
    -- uncorrelated scalar subquery: one value for the whole query
    (SELECT round(avg(price), 2) FROM products) AS catalog_avg
FROM products AS p
WHERE p.category_id = (SELECT id FROM categories WHERE name = 'Audio')
  AND p.price > (SELECT avg(p3.price)
                 FROM products AS p3
                 WHERE p3.category_id = p.category_id)
ORDER BY p.price DESC, p.id;
