WITH g AS (
  SELECT c.name AS customer, CAST(date_trunc('week', o.ordered_on) AS DATE) AS week, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.ordered_on >= DATE '2024-12-23'
  GROUP BY c.name, CAST(date_trunc('week', o.ordered_on) AS DATE)
), r AS (
  SELECT customer, week, revenue,
         (SELECT count(*) FROM g g2 WHERE g2.customer = g.customer AND g2.revenue > g.revenue) + 1 AS week_rank,
         (SELECT count(*) FROM g g2 WHERE g2.customer = g.customer) AS customer_weeks
  FROM g
)
SELECT customer, week, revenue, week_rank, customer_weeks
FROM r
WHERE week_rank <= 1 AND customer_weeks >= 2
ORDER BY customer, week
