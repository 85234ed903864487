SELECT region, _level, orders, units FROM (
  SELECT c.region AS region, 0 AS _level, count(*) AS orders, sum(o.quantity) AS units
  FROM orders o JOIN customers c ON c.id = o.customer_id
  GROUP BY c.region
  UNION ALL
  SELECT NULL, 1, count(*), sum(quantity) FROM orders
) t
ORDER BY region NULLS LAST, _level
