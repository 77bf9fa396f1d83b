-- title: LATERAL: the two most expensive products of every leaf category, empty ones kept
-- dataset: ecommerce
SELECT c.name AS category, top.rank_in_category, top.name AS product, top.price
FROM categories AS c
LEFT JOIN LATERAL (
    SELECT p.name, p.price,
           row_number() OVER (ORDER BY p.price DESC, p.id) AS rank_in_category
    FROM products AS p
    WHERE p.category_id = c.id          -- refers to the outer row: that is what LATERAL allows
    ORDER BY p.price DESC, p.id
    LIMIT 2
) AS top ON true
WHERE c.parent_id IS NOT NULL
ORDER BY c.name, top.rank_in_category;
