WITH w AS (
  SELECT CAST(date_trunc('week', ordered_on) AS DATE) AS week, count(*) AS orders, sum(amount) AS revenue
  FROM orders
  WHERE ordered_on BETWEEN DATE '2024-12-23' AND DATE '2025-01-26'
  GROUP BY 1
)
SELECT week, orders, revenue,
       CAST(revenue AS DOUBLE PRECISION) / (SELECT CAST(sum(revenue) AS DOUBLE PRECISION) FROM w) AS share_of_revenue,
       (SELECT count(*) FROM w w2 WHERE w2.revenue > w.revenue) + 1 AS revenue_rank,
       (SELECT count(*) FROM w w2 WHERE w2.orders > w.orders) + 1 AS orders_rank,
       (SELECT sum(revenue) FROM w) AS all_revenue,
       (SELECT sum(revenue) FROM w w2 WHERE w2.week <= w.week) AS revenue_to_date,
       (SELECT sum(orders) FROM w w2 WHERE w2.week <= w.week) AS orders_to_date
FROM w
ORDER BY week
