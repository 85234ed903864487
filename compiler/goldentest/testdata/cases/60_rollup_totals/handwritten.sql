WITH d AS (
  SELECT c.region, c.tier, CAST(date_trunc('month', o.ordered_on) AS DATE) AS month, o.quantity, o.amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status = 'shipped'
), t AS (
  SELECT region, tier, month, 0 AS lvl, count(*) AS orders, sum(quantity) AS units, sum(amount) AS revenue FROM d GROUP BY region, tier, month
  UNION ALL
  SELECT region, tier, NULL, 1, count(*), sum(quantity), sum(amount) FROM d GROUP BY region, tier
  UNION ALL
  SELECT region, NULL, NULL, 2, count(*), sum(quantity), sum(amount) FROM d GROUP BY region
  UNION ALL
  SELECT NULL, NULL, NULL, 3, count(*), sum(quantity), sum(amount) FROM d
)
SELECT region, tier, month, lvl AS _level, orders, units, revenue,
       CAST(revenue AS DOUBLE PRECISION) / NULLIF(CAST(units AS DOUBLE PRECISION), 0) AS revenue_per_unit,
       CAST(revenue AS DOUBLE PRECISION) / NULLIF((SELECT CAST(sum(t2.revenue) AS DOUBLE PRECISION) FROM t t2 WHERE t2.lvl = t.lvl), 0) AS share_of_level
FROM t
ORDER BY region NULLS LAST, tier NULLS LAST, month NULLS LAST, lvl
