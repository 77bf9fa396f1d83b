-- title: A scalar subquery that can return several rows is an error
-- dataset: ecommerce
SELECT
    c.name,
    (SELECT p.name
     FROM products AS p
     WHERE p.category_id = c.id
     ORDER BY p.price DESC) AS most_expensive_product
FROM categories AS c
ORDER BY c.name;
