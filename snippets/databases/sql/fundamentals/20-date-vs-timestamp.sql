-- title: BETWEEN two dates silently drops most of the last day's timestamps
-- dataset: ecommerce
-- paid_at is a TIMESTAMP; DATE '2024-03-31' compares as 2024-03-31 00:00:00
SELECT
    count(CASE WHEN paid_at BETWEEN DATE '2024-03-01' AND DATE '2024-03-31'
               THEN 1 END) AS between_dates,
    count(CASE WHEN paid_at >= DATE '2024-03-01' AND paid_at < DATE '2024-04-01'
               THEN 1 END) AS half_open_range,
    count(CASE WHEN CAST(paid_at AS DATE) = DATE '2024-03-31'
               THEN 1 END) AS paid_on_march_31
FROM payments;
