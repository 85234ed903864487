SELECT region, customer_tier, _level, orders, revenue, shipped, big
FROM (
  SELECT c.region AS region, c.tier AS customer_tier,
         CAST(GROUPING(c.region) + GROUPING(c.tier) AS BIGINT) AS _level,
         count(*) AS orders, sum(o.amount) AS revenue,
         count(CASE WHEN EXISTS (SELECT 1 FROM shipments s WHERE s.customer_id = o.customer_id AND s.shipped_on >= o.ordered_on) THEN 1 END) AS shipped,
         sum(CASE WHEN o.customer_id IN (SELECT k.id FROM customers k WHERE k.tier = c.tier AND k.region IS NOT NULL) THEN o.amount END) AS big
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.amount >= (SELECT avg(o2.amount) FROM orders o2 WHERE o2.customer_id = o.customer_id) / 2
  GROUP BY ROLLUP (c.region, c.tier)
) r
WHERE EXISTS (SELECT 1 FROM customers k WHERE k.tier = r.customer_tier AND k.region IS NULL) OR r.customer_tier IS NULL
ORDER BY region COLLATE "C" NULLS LAST, customer_tier COLLATE "C" NULLS LAST, _level NULLS LAST
