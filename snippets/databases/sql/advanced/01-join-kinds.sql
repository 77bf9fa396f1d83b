-- title: One pair of tables, six join kinds: how many rows each returns
-- dataset: ecommerce
-- 13 categories (4 top-level ones and the empty Audiobooks have no products), 150 products.
SELECT 'inner' AS join_kind, count(*) AS result_rows,
       count(*) FILTER (WHERE c.id IS NULL) AS rows_without_category,
       count(*) FILTER (WHERE p.id IS NULL) AS rows_without_product
FROM categories AS c INNER JOIN products AS p ON p.category_id = c.id
UNION ALL
SELECT 'left', count(*), count(*) FILTER (WHERE c.id IS NULL), count(*) FILTER (WHERE p.id IS NULL)
FROM categories AS c LEFT JOIN products AS p ON p.category_id = c.id
UNION ALL
SELECT 'right', count(*), count(*) FILTER (WHERE c.id IS NULL), count(*) FILTER (WHERE p.id IS NULL)
FROM categories AS c RIGHT JOIN products AS p ON p.category_id = c.id
UNION ALL
SELECT 'full', count(*), count(*) FILTER (WHERE c.id IS NULL), count(*) FILTER (WHERE p.id IS NULL)
FROM categories AS c FULL JOIN products AS p ON p.category_id = c.id
UNION ALL
SELECT 'cross', count(*), count(*) FILTER (WHERE c.id IS NULL), count(*) FILTER (WHERE p.id IS NULL)
FROM categories AS c CROSS JOIN products AS p
ORDER BY result_rows, join_kind;
