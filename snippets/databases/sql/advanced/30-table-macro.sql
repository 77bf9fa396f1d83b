-- title: DuckDB table macros: a parameterised query you select from
-- dataset: ecommerce
-- dialect_note: Table macros are DuckDB-specific. PostgreSQL's nearest equivalent is a set-returning function (RETURNS TABLE), shown in the PostgreSQL section of this page.
CREATE OR REPLACE MACRO top_products(category_name, n := 3) AS TABLE
    SELECT c.name AS category, p.name AS product, p.price,
           row_number() OVER (ORDER BY p.price DESC, p.id) AS pos
    FROM products AS p
    JOIN categories AS c ON c.id = p.category_id
    WHERE c.name = category_name
    QUALIFY pos <= n;

SELECT * FROM top_products('Audio')
UNION ALL
SELECT * FROM top_products('Laptops', n := 2)
ORDER BY category, pos;
