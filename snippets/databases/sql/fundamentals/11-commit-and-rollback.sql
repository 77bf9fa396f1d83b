-- title: COMMIT keeps a transaction's changes, ROLLBACK discards all of them
-- after: databases/sql/fundamentals/01-create-tables.sql
-- move four tents from Seattle to Dublin: both updates or neither
BEGIN TRANSACTION;
UPDATE stock SET on_hand = on_hand - 4 WHERE warehouse_id = 1 AND sku = 'TENT-2P';
UPDATE stock SET on_hand = on_hand + 4 WHERE warehouse_id = 2 AND sku = 'TENT-2P';
COMMIT;

-- clear Dublin's stock and release every reservation, then change our mind
BEGIN TRANSACTION;
DELETE FROM stock WHERE warehouse_id = 2;
UPDATE stock SET reserved = 0;
ROLLBACK;

SELECT w.code, s.sku, s.on_hand, s.reserved
FROM warehouses AS w
JOIN stock AS s ON s.warehouse_id = w.id
ORDER BY w.code, s.sku;
