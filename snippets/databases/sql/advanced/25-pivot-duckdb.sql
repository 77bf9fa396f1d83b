-- title: DuckDB PIVOT: orders per year, one column per status
-- dataset: ecommerce
-- dialect_note: PIVOT as a statement is DuckDB syntax. PostgreSQL and MySQL have no PIVOT; the portable conditional-aggregation form is the next snippet.
PIVOT (SELECT year(order_date) AS year, status FROM orders)
ON status
USING count(*)
GROUP BY year
ORDER BY year;
