SELECT CAST(date_trunc('month', ordered_on) AS DATE) AS month, count(*) AS orders,
       count(CASE WHEN ordered_on >= DATE '2024-11-01' THEN 1 END) AS recent
FROM orders
WHERE ordered_on BETWEEN DATE '2024-10-01' AND DATE '2024-12-31'
GROUP BY 1
ORDER BY 1
