-- title: DuckDB scalar macros: named expressions with an optional parameter
-- dataset: ecommerce
-- dialect_note: Macros are DuckDB-specific. PostgreSQL's nearest equivalent is a LANGUAGE sql function, shown in the PostgreSQL section of this page.
CREATE OR REPLACE MACRO line_revenue(quantity, unit_price, discount := 0) AS
    quantity * unit_price * (1 - discount);

CREATE OR REPLACE MACRO pct(part, whole) AS
    round(100 * part / nullif(whole, 0), 1);

WITH by_department AS (
    SELECT dept.name AS department,
           sum(line_revenue(i.quantity, i.unit_price))                 AS revenue,
           round(sum(line_revenue(i.quantity, i.unit_price, discount := 0.1)), 2) AS revenue_if_10pct_off
    FROM order_items AS i
    JOIN orders     AS o    ON o.id = i.order_id
    JOIN products   AS p    ON p.id = i.product_id
    JOIN categories AS leaf ON leaf.id = p.category_id
    JOIN categories AS dept ON dept.id = leaf.parent_id
    WHERE o.status NOT IN ('cancelled', 'returned')
      AND o.order_date >= DATE '2024-01-01'
    GROUP BY dept.name
)
SELECT department, revenue, revenue_if_10pct_off,
       pct(revenue, sum(revenue) OVER ()) AS pct_of_total
FROM by_department
ORDER BY revenue DESC, department;
