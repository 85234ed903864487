WITH o AS (
  SELECT c.region AS region, 0 AS _level, count(*) AS orders,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(o.amount AS DOUBLE PRECISION)) AS median_amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status <> 'cancelled'
  GROUP BY c.region
  UNION ALL
  SELECT NULL, 1, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(o.amount AS DOUBLE PRECISION))
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status <> 'cancelled'
), s AS (
  SELECT c.region AS region, 0 AS _level, count(*) AS shipments,
         percentile_cont(0.75) WITHIN GROUP (ORDER BY CAST(s.cost AS DOUBLE PRECISION)) AS p75_cost
  FROM shipments s JOIN customers c ON c.id = s.customer_id
  GROUP BY c.region
  UNION ALL
  SELECT NULL, 1, count(*), percentile_cont(0.75) WITHIN GROUP (ORDER BY CAST(s.cost AS DOUBLE PRECISION))
  FROM shipments s JOIN customers c ON c.id = s.customer_id
)
SELECT COALESCE(o.region, s.region) AS region, COALESCE(o._level, s._level) AS _level,
       COALESCE(o.orders, 0) AS orders, o.median_amount AS median_amount,
       COALESCE(s.shipments, 0) AS shipments, s.p75_cost AS p75_cost,
       s.p75_cost / NULLIF(o.median_amount, 0) AS cost_over_amount
FROM o FULL JOIN s
  ON COALESCE(s.region, '(none)') = COALESCE(o.region, '(none)') AND s._level = o._level
ORDER BY 1 NULLS LAST, 2
