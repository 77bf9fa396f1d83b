-- title: Zone maps: the min and max DuckDB keeps for every row group
-- dialect_note: pragma_storage_info and row groups are DuckDB storage internals; PostgreSQL's nearest equivalent is a BRIN index.
-- One million events. event_date arrives in time order; shuffled_date holds the same dates in scrambled order.
CREATE TABLE events AS
SELECT i AS id,
       DATE '2020-01-01' + (i // 1000)::INTEGER                      AS event_date,
       DATE '2020-01-01' + ((i * 7919) % 1000000 // 1000)::INTEGER   AS shuffled_date
FROM range(1000000) AS t(i);

-- pragma_storage_info lists each column segment with its statistics; fold the segments into one
-- [min, max] range per row group and column, and mark the row groups a June 2021 filter must read.
WITH segments AS (
    SELECT row_group_id, column_name,
           regexp_extract(stats, 'Min: ([0-9-]+)', 1)::DATE AS lo,
           regexp_extract(stats, 'Max: ([0-9-]+)', 1)::DATE AS hi
    FROM pragma_storage_info('events')
    WHERE column_name IN ('event_date', 'shuffled_date') AND segment_type = 'DATE'
), zones AS (
    SELECT row_group_id, column_name, min(lo) AS lo, max(hi) AS hi
    FROM segments
    GROUP BY ALL
)
SELECT row_group_id,
       max(lo) FILTER (WHERE column_name = 'event_date')    AS event_date_min,
       max(hi) FILTER (WHERE column_name = 'event_date')    AS event_date_max,
       bool_or(column_name = 'event_date' AND hi >= DATE '2021-06-01' AND lo <= DATE '2021-06-30')
           AS event_date_must_read,
       max(lo) FILTER (WHERE column_name = 'shuffled_date') AS shuffled_min,
       max(hi) FILTER (WHERE column_name = 'shuffled_date') AS shuffled_max,
       bool_or(column_name = 'shuffled_date' AND hi >= DATE '2021-06-01' AND lo <= DATE '2021-06-30')
           AS shuffled_must_read
FROM zones
GROUP BY row_group_id
ORDER BY row_group_id;
