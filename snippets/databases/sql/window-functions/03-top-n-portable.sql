-- title: Top 2 rated products per category, ties kept, without QUALIFY
-- dataset: ecommerce
WITH product_rating AS (
    SELECT p.category_id, p.id AS product_id, p.name,
           round(avg(r.rating), 1) AS avg_rating,
           count(*)                AS n_reviews
    FROM products AS p
    JOIN reviews  AS r ON r.product_id = p.id
    GROUP BY p.category_id, p.id, p.name
    HAVING count(*) >= 5
),
ranked AS (
    SELECT *,
           RANK() OVER (PARTITION BY category_id ORDER BY avg_rating DESC) AS rnk
    FROM product_rating
)
SELECT c.name AS category, ranked.name AS product, ranked.avg_rating, ranked.n_reviews, ranked.rnk
FROM ranked
JOIN categories AS c ON c.id = ranked.category_id
WHERE ranked.rnk <= 2
ORDER BY category, ranked.rnk, ranked.product_id;
