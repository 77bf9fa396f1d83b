-- title: An ENUM sorts in the order it was declared; text sorts by characters
-- dataset: ecommerce
-- dialect_note: PostgreSQL runs this as written (CREATE TYPE ... AS ENUM, and a cast from text to the enum). MySQL has no CREATE TYPE: there ENUM('placed', 'shipped', ...) is a column type, and it too sorts by the order of the list, not alphabetically.
CREATE TYPE order_status AS ENUM ('placed', 'shipped', 'delivered', 'returned', 'cancelled');

SELECT
    status,
    count(*)                                              AS orders,
    rank() OVER (ORDER BY status)                         AS text_position,
    rank() OVER (ORDER BY CAST(status AS order_status))   AS lifecycle_position
FROM orders
GROUP BY status
ORDER BY lifecycle_position;
