WITH w AS (
  SELECT c.name AS customer, CAST(date_trunc('week', o.ordered_on) AS DATE) AS week,
         count(*) AS orders, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.ordered_on BETWEEN DATE '2024-12-23' AND DATE '2025-02-16'
  GROUP BY 1, 2
)
SELECT w.customer, w.week, w.orders, w.revenue,
       p.revenue AS prev_revenue,
       w.revenue - p.revenue AS wow_change,
       CAST(w.revenue - p.revenue AS DOUBLE PRECISION) / NULLIF(CAST(p.revenue AS DOUBLE PRECISION), 0) AS wow_pct
FROM w
LEFT JOIN w p ON p.customer = w.customer AND p.week = CAST(w.week - INTERVAL '7 days' AS DATE)
ORDER BY w.customer, w.week
