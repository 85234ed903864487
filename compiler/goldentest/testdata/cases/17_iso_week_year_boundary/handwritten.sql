SELECT CAST(ordered_on - CAST(EXTRACT(ISODOW FROM ordered_on) AS INTEGER) + 1 AS DATE) AS week,
       CAST(EXTRACT(WEEK FROM ordered_on) AS BIGINT) AS iso_week,
       count(*) AS orders, min(ordered_on) AS first_day, max(ordered_on) AS last_day
FROM orders
WHERE ordered_on >= DATE '2024-12-23' AND ordered_on <= DATE '2025-01-12'
GROUP BY 1, 2
ORDER BY 1
