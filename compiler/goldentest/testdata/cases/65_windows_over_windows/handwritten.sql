WITH d AS (
  SELECT c.region, c.name AS customer, o.amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status = 'shipped'
), t AS (
  SELECT region, customer, 0 AS lvl, sum(amount) AS revenue FROM d GROUP BY region, customer
  UNION ALL
  SELECT region, NULL, 1, sum(amount) FROM d GROUP BY region
  UNION ALL
  SELECT NULL, NULL, 2, sum(amount) FROM d
), s AS (
  SELECT t.*, CAST(revenue AS DOUBLE PRECISION) / NULLIF((SELECT CAST(sum(t2.revenue) AS DOUBLE PRECISION) FROM t t2
                WHERE t2.lvl = t.lvl AND t2.region IS NOT DISTINCT FROM t.region), 0) AS share_in_region
  FROM t
), b AS (
  SELECT s.*, (SELECT max(s2.share_in_region) FROM s s2 WHERE s2.lvl = s.lvl AND s2.region IS NOT DISTINCT FROM s.region) AS best_share_in_region
  FROM s
), g AS (
  SELECT b.*, best_share_in_region - share_in_region AS gap_to_best FROM b
)
SELECT region, customer, lvl AS _level, revenue, share_in_region,
       (SELECT count(*) FROM g g2 WHERE g2.lvl = g.lvl AND g2.share_in_region > g.share_in_region) + 1 AS share_rank,
       best_share_in_region, gap_to_best,
       (SELECT count(*) FROM g g2 WHERE g2.lvl = g.lvl AND g2.gap_to_best < g.gap_to_best) + 1 AS gap_rank
FROM g
ORDER BY region NULLS LAST, customer NULLS LAST, lvl
