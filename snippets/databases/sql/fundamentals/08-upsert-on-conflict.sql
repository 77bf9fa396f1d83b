-- title: Upsert a price feed with INSERT ... ON CONFLICT DO UPDATE
-- dataset: ecommerce
-- dialect_note: PostgreSQL runs this as written: DuckDB took ON CONFLICT, excluded and the WHERE on DO UPDATE from PostgreSQL. MySQL's upsert is INSERT ... ON DUPLICATE KEY UPDATE, which fires on a clash with any unique key (you cannot name one) and has no WHERE to skip an update.
CREATE TABLE price_list (
    product_id INTEGER PRIMARY KEY,  -- products.id
    price      DECIMAL(10, 2) NOT NULL CHECK (price > 0),
    updated_on DATE NOT NULL,
    note       VARCHAR
);
INSERT INTO price_list (product_id, price, updated_on)
SELECT id, price, DATE '2024-12-01' FROM products WHERE id <= 3;

-- today's feed: product 2 is cheaper, product 3 is unchanged, product 4 is new
INSERT INTO price_list AS p (product_id, price, updated_on)
SELECT id, CASE WHEN id = 2 THEN price - 5 ELSE price END, DATE '2024-12-15'
FROM products
WHERE id BETWEEN 2 AND 4
ON CONFLICT (product_id) DO UPDATE
SET price = excluded.price, updated_on = excluded.updated_on
WHERE p.price <> excluded.price;  -- an unchanged price keeps its old date

SELECT l.product_id, p.price AS catalog_price, l.price, l.updated_on
FROM price_list AS l
JOIN products AS p ON p.id = l.product_id
ORDER BY l.product_id;
