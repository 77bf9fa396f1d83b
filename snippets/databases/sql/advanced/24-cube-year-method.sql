-- title: CUBE: amount paid by year and by payment method, with every subtotal
-- dataset: ecommerce
SELECT
    CASE WHEN GROUPING(year(paid_at)) = 1 THEN 'all years' ELSE year(paid_at)::VARCHAR END AS year,
    CASE WHEN GROUPING(method) = 1 THEN 'all methods' ELSE method END                      AS method,
    count(*)    AS payments,
    sum(amount) AS amount
FROM payments
GROUP BY CUBE (year(paid_at), method)
ORDER BY GROUPING(year(paid_at)), year(paid_at), GROUPING(method), method;
