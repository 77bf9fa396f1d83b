-- title: NULL is neither equal nor unequal: three-valued logic in a condition
-- dataset: ecommerce
-- count() skips NULLs; CASE WHEN takes a branch only when its condition is true (not false, not NULL)
SELECT
    count(*)                                                        AS customers,
    count(CASE WHEN segment = 'consumer' THEN 1 END)                AS consumer,
    count(CASE WHEN segment <> 'consumer' THEN 1 END)               AS not_consumer_naive,
    count(CASE WHEN segment IS DISTINCT FROM 'consumer' THEN 1 END) AS not_consumer,
    count(CASE WHEN segment IS NULL THEN 1 END)                     AS segment_unknown
FROM customers;
