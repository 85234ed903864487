WITH g AS (
  SELECT c.region, c.name AS customer, CAST(date_trunc('month', o.ordered_on) AS DATE) AS month, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status = 'shipped'
  GROUP BY c.region, c.name, CAST(date_trunc('month', o.ordered_on) AS DATE)
)
SELECT region, customer, month, revenue,
       (SELECT sum(g2.revenue) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region AND g2.month <= g.month) AS region_to_date,
       (SELECT sum(g2.revenue) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region AND g2.customer = g.customer AND g2.month <= g.month) AS customer_to_date,
       (SELECT sum(g2.revenue) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region AND g2.month = g.month) AS region_month,
       (SELECT count(*) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS months_in_region,
       (SELECT max(g2.revenue) FROM g g2 WHERE g2.customer = g.customer) AS best_month
FROM g
ORDER BY region NULLS LAST, month, customer
