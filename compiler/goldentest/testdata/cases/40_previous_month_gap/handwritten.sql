WITH m AS (
  SELECT CAST(date_trunc('month', ordered_on) AS DATE) AS month, count(*) AS orders,
         sum(amount) AS revenue, CAST(avg(amount) AS DOUBLE PRECISION) AS avg_amount
  FROM orders GROUP BY 1
)
SELECT m.month, m.orders, m.revenue, m.avg_amount, p.revenue AS prev_revenue,
       m.revenue - p.revenue AS revenue_change, m.orders - p.orders AS orders_change,
       m.avg_amount - p.avg_amount AS avg_change,
       CAST(m.revenue - p.revenue AS DOUBLE PRECISION) / CAST(p.revenue AS DOUBLE PRECISION) AS revenue_pct
FROM m LEFT JOIN m p ON p.month = CAST(m.month - INTERVAL '1 month' AS DATE)
ORDER BY m.month DESC
