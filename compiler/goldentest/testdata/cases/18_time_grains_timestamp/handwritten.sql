SELECT date_trunc('day', taken_at) AS day, date_trunc('week', taken_at) AS week,
       date_trunc('month', taken_at) AS month, date_trunc('quarter', taken_at) AS quarter,
       date_trunc('year', taken_at) AS year,
       count(*) AS readings, sum(value) AS total, min(taken_at) AS first_at, max(taken_at) AS last_at
FROM readings
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1
