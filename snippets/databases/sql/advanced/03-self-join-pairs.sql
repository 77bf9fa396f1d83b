-- title: Self join: pairs of products in the same category at the same price
-- dataset: ecommerce
SELECT
    c.name                                  AS category,
    count(DISTINCT a.id)                    AS products,
    count(*)                                AS rows_joined,
    count(*) FILTER (WHERE a.id <> b.id)    AS ordered_pairs,
    count(*) FILTER (WHERE a.id < b.id)     AS distinct_pairs
FROM products AS a
JOIN products AS b
  ON b.category_id = a.category_id
 AND b.price = a.price
JOIN categories AS c ON c.id = a.category_id
GROUP BY c.name
ORDER BY c.name;
