-- title: Values of every type, printed by the engine itself
-- dialect_note: HUGEINT, lists, structs and maps are DuckDB types; PostgreSQL and MySQL have no one-to-one equivalents, so this example has no translation.
SELECT
    9007199254740993::BIGINT          AS beyond_js_safe_integer,
    0.1 + 0.2                         AS decimal_sum,
    0.1::DOUBLE + 0.2::DOUBLE         AS double_sum,
    170141183460469231731687303715884105727::HUGEINT AS hugeint_max,
    DATE '2024-02-29' + INTERVAL 1 YEAR AS next_year,
    TIMESTAMP '2024-03-10 01:30:00'   AS ts,
    INTERVAL 90 MINUTE                AS ninety_minutes,
    [1, 2, NULL]                      AS list_with_null,
    {'sku': 'A-1', 'qty': 2}          AS struct_value,
    MAP {'eu': 3, 'us': 5}            AS map_value,
    NULL::VARCHAR                     AS missing;
