-- title: MERGE INTO applies a change set: update, delete and insert in one statement
-- dataset: ecommerce
-- after: databases/sql/fundamentals/08-upsert-on-conflict.sql
-- dialect_note: PostgreSQL 15 and later run this MERGE as written (MERGE ... RETURNING needs PostgreSQL 17). MySQL has no MERGE: use INSERT ... ON DUPLICATE KEY UPDATE plus a separate DELETE, in one transaction.
MERGE INTO price_list AS l
USING (
    VALUES (2, 36.99, false), (3, NULL, true), (6, 58.99, false)
) AS feed (product_id, price, discontinued)
ON l.product_id = feed.product_id
WHEN MATCHED AND feed.discontinued THEN DELETE
WHEN MATCHED THEN UPDATE SET price = feed.price, updated_on = DATE '2024-12-31'
WHEN NOT MATCHED THEN INSERT (product_id, price, updated_on)
    VALUES (feed.product_id, feed.price, DATE '2024-12-31');

SELECT product_id, price, updated_on
FROM price_list
ORDER BY product_id;
