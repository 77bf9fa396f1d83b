-- title: A foreign key rejects stock for a warehouse that does not exist
-- after: databases/sql/fundamentals/01-create-tables.sql
INSERT INTO stock (warehouse_id, sku, on_hand) VALUES (3, 'TENT-2P', 8);
