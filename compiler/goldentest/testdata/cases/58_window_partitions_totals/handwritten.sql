WITH d AS (
  SELECT c.region, c.tier, o.amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status = 'shipped'
), t AS (
  SELECT region, tier, 0 AS lvl, 0 AS st, sum(amount) AS revenue FROM d GROUP BY region, tier
  UNION ALL
  SELECT region, NULL, 1, 1, sum(amount) FROM d GROUP BY region
  UNION ALL
  SELECT NULL, NULL, 2, 3, sum(amount) FROM d
)
SELECT region, tier, lvl AS _level, revenue,
       CAST(revenue AS DOUBLE PRECISION) / NULLIF((SELECT CAST(sum(t2.revenue) AS DOUBLE PRECISION) FROM t t2
         WHERE t2.st = t.st AND t2.region IS NOT DISTINCT FROM t.region), 0) AS share_in_region,
       (SELECT count(*) FROM t t2 WHERE t2.st = t.st AND t2.region IS NOT DISTINCT FROM t.region AND t2.revenue > t.revenue) + 1 AS rank_in_region,
       (SELECT CAST(sum(t2.revenue) AS DOUBLE PRECISION) / count(t2.revenue) FROM t t2
         WHERE t2.st = t.st AND t2.region IS NOT DISTINCT FROM t.region) AS region_avg
FROM t
ORDER BY region NULLS LAST, tier NULLS LAST, lvl
