WITH w AS (
  SELECT CAST(date_trunc('week', ordered_on) AS DATE) AS week, count(*) AS orders, sum(amount) AS revenue
  FROM orders
  WHERE ordered_on BETWEEN DATE '2025-01-20' AND DATE '2025-02-16'
  GROUP BY 1
)
SELECT w.week, w.orders, w.revenue, p.orders AS prev_orders,
       CAST(w.orders - p.orders AS DOUBLE PRECISION) / NULLIF(p.orders, 0) AS orders_pct,
       w.revenue - p.revenue AS revenue_change
FROM w LEFT JOIN w p ON p.week + 7 = w.week
ORDER BY w.week
