-- title: No equality to hash on: DuckDB picks a range-join operator
-- dataset: ecommerce
-- dialect_note: EXPLAIN prints each engine's own plan format and operators; PostgreSQL has no piecewise merge join.
-- A three-day promotion every week of 2023 and 2024 (104 rows).
CREATE TABLE promotions AS
SELECT i AS id,
       DATE '2023-01-02' + (7 * i)::INTEGER     AS starts_on,
       DATE '2023-01-02' + (7 * i + 2)::INTEGER AS ends_on
FROM range(104) AS t(i);

-- Orders placed during a promotion: the join condition is two inequalities.
EXPLAIN
SELECT count(*) AS promo_orders
FROM orders AS o
JOIN promotions AS p ON o.order_date BETWEEN p.starts_on AND p.ends_on;
