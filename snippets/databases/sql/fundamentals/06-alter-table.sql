-- title: Evolve a table: add a column, tighten it, rename it, change a default
-- after: databases/sql/fundamentals/01-create-tables.sql
ALTER TABLE stock ADD COLUMN bin VARCHAR DEFAULT 'UNASSIGNED';  -- existing rows get the default
ALTER TABLE stock ALTER COLUMN bin SET NOT NULL;                  -- safe now that no row is NULL
ALTER TABLE stock RENAME COLUMN bin TO bin_code;
ALTER TABLE stock ALTER COLUMN on_hand SET DEFAULT 1;             -- applies to future rows only

INSERT INTO stock (warehouse_id, sku) VALUES (1, 'STOVE');

SELECT warehouse_id, sku, on_hand, reserved, bin_code
FROM stock
ORDER BY warehouse_id, sku;
