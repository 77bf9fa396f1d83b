-- title: A LIST column holds many values in one row
-- dataset: ecommerce
-- dialect_note: PostgreSQL calls these arrays: array_agg(DISTINCT i.product_id ORDER BY i.product_id), cardinality() for the length and 2 = ANY(array) for membership, and it prints them as {2,5,7}. MySQL has no array type; JSON_ARRAYAGG builds a JSON array instead.
SELECT
    o.customer_id,
    list(DISTINCT i.product_id ORDER BY i.product_id)       AS products_bought,
    len(list(DISTINCT i.product_id))                        AS distinct_products,
    list_contains(list(i.product_id), 2)                    AS bought_product_2
FROM orders AS o
JOIN order_items AS i ON i.order_id = o.id
WHERE o.customer_id BETWEEN 1 AND 5
GROUP BY o.customer_id
ORDER BY o.customer_id;
