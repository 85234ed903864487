SELECT tier, _level, revenue, units,
       CAST(revenue AS DOUBLE PRECISION) / CAST(units AS DOUBLE PRECISION) AS price_per_unit
FROM (
  SELECT c.tier AS tier, 0 AS _level, sum(o.amount) AS revenue, sum(o.quantity) AS units
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status = 'shipped'
  GROUP BY c.tier
  UNION ALL
  SELECT NULL, 1, sum(o.amount), sum(o.quantity)
  FROM orders o
  WHERE o.status = 'shipped'
) t
ORDER BY tier NULLS LAST
