-- title: Reserve two tents where two are free, and get the changed rows back
-- after: databases/sql/fundamentals/01-create-tables.sql
-- dialect_note: PostgreSQL runs this statement as written (RETURNING works on its INSERT, UPDATE, DELETE and, from version 17, MERGE). MySQL has no RETURNING clause: update, then select the rows again inside the same transaction.
UPDATE stock
SET reserved = reserved + 2
WHERE sku = 'TENT-2P'
  AND on_hand - reserved >= 2
RETURNING warehouse_id, sku, on_hand, reserved, on_hand - reserved AS still_free;
