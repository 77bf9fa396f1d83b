-- title: DOUBLE and FLOAT are binary fractions; DECIMAL is exact in base ten
-- A literal such as 0.1 is a DECIMAL in DuckDB (NUMERIC in PostgreSQL); ::DOUBLE makes it binary
SELECT *
FROM (VALUES
    (1, '0.1 + 0.2',
        CAST(0.1::DOUBLE + 0.2::DOUBLE AS VARCHAR),
        CAST(0.1 + 0.2 AS VARCHAR)),
    (2, '0.1 + 0.2 = 0.3',
        CAST(0.1::DOUBLE + 0.2::DOUBLE = 0.3::DOUBLE AS VARCHAR),
        CAST(0.1 + 0.2 = 0.3 AS VARCHAR)),
    (3, 'dollars to cents: floor(1.15 * 100)',
        CAST(floor(1.15::DOUBLE * 100) AS VARCHAR),
        CAST(floor(1.15 * 100) AS VARCHAR)),
    (4, '(0.1 + 0.2) + 0.3 = 0.1 + (0.2 + 0.3)',
        CAST((0.1::DOUBLE + 0.2::DOUBLE) + 0.3::DOUBLE
             = 0.1::DOUBLE + (0.2::DOUBLE + 0.3::DOUBLE) AS VARCHAR),
        CAST((0.1 + 0.2) + 0.3 = 0.1 + (0.2 + 0.3) AS VARCHAR)),
    (5, '16777216 + 1 (FLOAT has a 24-bit significand)',
        CAST(16777216::FLOAT + 1::FLOAT AS VARCHAR),
        CAST(16777216::DECIMAL(9, 0) + 1 AS VARCHAR))
) AS t (n, expression, binary_float, decimal)
ORDER BY n;
