-- title: UNPIVOT: turn the status columns back into rows
-- dataset: ecommerce
-- dialect_note: UNPIVOT and COLUMNS(* EXCLUDE ...) are DuckDB syntax. The portable form is the next snippet.
CREATE TABLE status_by_year AS
PIVOT (SELECT year(order_date) AS year, status FROM orders)
ON status
USING count(*)
GROUP BY year;

UNPIVOT status_by_year
ON COLUMNS(* EXCLUDE (year))
INTO NAME status VALUE orders
ORDER BY year, status;
