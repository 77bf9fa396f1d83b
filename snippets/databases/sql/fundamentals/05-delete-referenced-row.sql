-- title: The referenced row cannot go while stock still points at it
-- after: databases/sql/fundamentals/01-create-tables.sql
DELETE FROM warehouses WHERE code = 'DUB';
