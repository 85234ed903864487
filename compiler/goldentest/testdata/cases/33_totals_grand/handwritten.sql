SELECT region, tier, _level, orders, revenue, avg_amount FROM (
  SELECT c.region AS region, c.tier AS tier, 0 AS _level, count(*) AS orders,
         sum(o.amount) AS revenue, avg(o.amount) AS avg_amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  GROUP BY c.region, c.tier
  UNION ALL
  SELECT NULL, NULL, 2, count(*), sum(amount), avg(amount) FROM orders
) t
ORDER BY region NULLS LAST, tier NULLS LAST
