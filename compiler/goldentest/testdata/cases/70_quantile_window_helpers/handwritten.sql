WITH w AS (
  SELECT CAST(date_trunc('week', ordered_on) AS DATE) AS week, count(*) AS orders,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(amount AS DOUBLE PRECISION)) AS median_amount
  FROM orders
  WHERE ordered_on BETWEEN DATE '2024-12-23' AND DATE '2025-01-26'
  GROUP BY 1
)
SELECT week, orders, median_amount,
       (SELECT count(*) FROM w w2 WHERE w2.median_amount > w.median_amount) + 1 AS median_rank,
       (SELECT sum(median_amount) FROM w) AS median_total,
       (SELECT sum(median_amount) FROM w w2 WHERE w2.week <= w.week) AS median_to_date
FROM w
ORDER BY week
