-- title: INSERT OR REPLACE updates the listed columns and keeps the others
-- dataset: ecommerce
-- after: databases/sql/fundamentals/08-upsert-on-conflict.sql
-- dialect_note: PostgreSQL has no INSERT OR REPLACE: write INSERT ... ON CONFLICT (product_id) DO UPDATE SET price = excluded.price, updated_on = excluded.updated_on. MySQL's REPLACE is not the same statement: it deletes the old row and inserts the new one, so note would go back to NULL there.
UPDATE price_list SET note = 'matched a competitor' WHERE product_id = 1;

INSERT OR REPLACE INTO price_list (product_id, price, updated_on)
VALUES (1, 879.99, DATE '2024-12-20'),
       (5, 12.99, DATE '2024-12-20');

SELECT product_id, price, updated_on, note
FROM price_list
ORDER BY product_id;
