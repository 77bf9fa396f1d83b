-- title: Why NOT IN found nothing: a comparison with NULL is unknown, not false
SELECT step, expression, result
FROM (VALUES
    (1, '2 IN (1, 2, NULL)',              2 IN (1, 2, NULL)),
    (2, '3 IN (1, 2, NULL)',              3 IN (1, 2, NULL)),
    (3, '3 NOT IN (1, 2, NULL)',          3 NOT IN (1, 2, NULL)),
    (4, '3 <> 1 AND 3 <> 2 AND 3 <> NULL', 3 <> 1 AND 3 <> 2 AND 3 <> NULL),
    (5, 'NULL = NULL',                    NULL = NULL),
    (6, 'NULL IS NOT DISTINCT FROM NULL', NULL IS NOT DISTINCT FROM NULL),
    (7, 'unknown OR true',                NULL::BOOLEAN OR TRUE),
    (8, 'unknown AND false',              NULL::BOOLEAN AND FALSE),
    (9, 'NOT unknown',                    NOT NULL::BOOLEAN)
) AS t(step, expression, result)
ORDER BY step;
