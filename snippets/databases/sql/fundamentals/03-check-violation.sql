-- title: A CHECK constraint rejects a row that breaks the rule
-- after: databases/sql/fundamentals/01-create-tables.sql
-- four reserved but only two on hand: reserved_within_on_hand fails
INSERT INTO stock VALUES (1, 'STOVE', 2, 4);
