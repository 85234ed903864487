WITH d AS (
  SELECT c.region AS region, c.tier AS tier, o.amount, o.quantity
  FROM orders o JOIN customers c ON c.id = o.customer_id
), t AS (
  SELECT region, tier, 0 AS _level, count(*) AS orders, sum(amount) AS revenue, sum(quantity) AS units
  FROM d GROUP BY region, tier
  UNION ALL
  SELECT region, NULL, 1, count(*), sum(amount), sum(quantity) FROM d GROUP BY region
  UNION ALL
  SELECT NULL, NULL, 2, count(*), sum(amount), sum(quantity) FROM d
)
SELECT region, tier, _level, orders, revenue, units,
       CAST(revenue AS DOUBLE PRECISION) / units AS price_per_unit
FROM t
ORDER BY region NULLS LAST, tier NULLS LAST, _level
