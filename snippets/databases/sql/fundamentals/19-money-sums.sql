-- title: Summing money: DECIMAL stays exact, DOUBLE and FLOAT drift
-- dataset: ecommerce
-- dialect_note: The point survives in PostgreSQL, but the digits do not: there sum() over real returns real (about seven significant digits), and floating-point sums depend on the order in which rows are added, which differs between engines and plans.
SELECT
    extract(year FROM o.order_date)                AS year,
    sum(i.quantity * i.unit_price)                 AS revenue_decimal,
    sum(CAST(i.quantity * i.unit_price AS DOUBLE)) AS revenue_double,
    sum(CAST(i.quantity * i.unit_price AS FLOAT))  AS revenue_float
FROM orders AS o
JOIN order_items AS i ON i.order_id = o.id
GROUP BY year
ORDER BY year;
