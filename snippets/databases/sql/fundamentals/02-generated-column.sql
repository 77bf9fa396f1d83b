-- title: A generated column is computed from its row and follows every update
-- dataset: ecommerce
-- dialect_note: PostgreSQL 15 to 17 only have STORED generated columns (VIRTUAL, and VIRTUAL as the default, arrived in PostgreSQL 18), and MySQL spells the two kinds VIRTUAL and STORED after the expression. Write the column as GENERATED ALWAYS AS (quantity * unit_price) STORED for PostgreSQL 15.
CREATE TABLE order_lines (
    order_id   INTEGER NOT NULL,
    line_no    INTEGER NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    unit_price DECIMAL(10, 2) NOT NULL CHECK (unit_price >= 0),
    line_total DECIMAL(12, 2) GENERATED ALWAYS AS (quantity * unit_price) VIRTUAL,
    PRIMARY KEY (order_id, line_no)
);

-- copy two orders from the sample data; line_total is never written, only computed
INSERT INTO order_lines (order_id, line_no, quantity, unit_price)
SELECT order_id, line_no, quantity, unit_price
FROM order_items
WHERE order_id IN (3, 5);

UPDATE order_lines SET quantity = quantity + 1 WHERE order_id = 5 AND line_no = 1;

SELECT order_id, line_no, quantity, unit_price, line_total
FROM order_lines
ORDER BY order_id, line_no;
