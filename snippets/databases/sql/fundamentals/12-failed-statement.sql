-- title: One bad row fails the whole statement
-- after: databases/sql/fundamentals/01-create-tables.sql
-- Seattle has nine tents free, Dublin none: the Dublin row breaks reserved_within_on_hand,
-- so the Seattle row is not changed either
UPDATE stock SET reserved = reserved + 2 WHERE sku = 'TENT-2P';
