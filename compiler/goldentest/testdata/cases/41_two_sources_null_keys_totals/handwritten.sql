WITH o AS (
  SELECT c.region AS region, 0 AS _level, count(*) AS orders, sum(o.quantity) AS units
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status <> 'cancelled'
  GROUP BY c.region
  UNION ALL
  SELECT NULL, 1, count(*), sum(quantity) FROM orders WHERE status <> 'cancelled'
), s AS (
  SELECT c.region AS region, 0 AS _level, count(*) AS shipments, sum(s.cost) AS ship_cost
  FROM shipments s JOIN customers c ON c.id = s.customer_id
  GROUP BY c.region
  UNION ALL
  SELECT NULL, 1, count(*), sum(cost) FROM shipments
)
SELECT COALESCE(o.region, s.region) AS region, COALESCE(o._level, s._level) AS _level,
       COALESCE(o.orders, 0) AS orders, o.units AS units,
       COALESCE(s.shipments, 0) AS shipments, s.ship_cost AS ship_cost,
       CAST(s.ship_cost AS DOUBLE PRECISION) / NULLIF(o.units, 0) AS cost_per_unit,
       CAST(COALESCE(s.shipments, 0) AS DOUBLE PRECISION) / NULLIF(COALESCE(o.orders, 0), 0) AS shipments_per_order
FROM o FULL JOIN s
  ON COALESCE(s.region, '(none)') = COALESCE(o.region, '(none)') AND s._level = o._level
ORDER BY 1 NULLS LAST, 2
