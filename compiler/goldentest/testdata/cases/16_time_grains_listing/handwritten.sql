SELECT id, ordered_on, ordered_on AS day,
       CAST(date_trunc('week', ordered_on) AS DATE) AS week,
       CAST(date_trunc('month', ordered_on) AS DATE) AS month,
       CAST(date_trunc('quarter', ordered_on) AS DATE) AS quarter,
       CAST(date_trunc('year', ordered_on) AS DATE) AS year
FROM orders
ORDER BY id
