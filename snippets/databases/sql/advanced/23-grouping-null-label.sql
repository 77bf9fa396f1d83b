-- title: Which NULL is a subtotal? Real NULLs in the data versus GROUPING()
-- dataset: ecommerce
SELECT
    segment,
    GROUPING(segment)                              AS is_total_row,
    CASE WHEN GROUPING(segment) = 1 THEN '(all customers)'
         WHEN segment IS NULL        THEN '(segment unknown)'
         ELSE segment END                          AS label,
    count(*)                                       AS customers
FROM customers
GROUP BY GROUPING SETS ((segment), ())
ORDER BY is_total_row, segment NULLS LAST;
