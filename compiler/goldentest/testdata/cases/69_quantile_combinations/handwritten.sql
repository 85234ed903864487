WITH d AS (
  SELECT c.region AS region, c.tier AS tier, o.status, CAST(o.amount AS DOUBLE PRECISION) AS amount,
         CAST(o.quantity AS DOUBLE PRECISION) AS quantity,
         CAST(o.quantity * 2 + o.amount AS DOUBLE PRECISION) AS mixed,
         EXISTS (SELECT 1 FROM shipments s WHERE s.customer_id = o.customer_id) AS ships
  FROM orders o JOIN customers c ON c.id = o.customer_id
), t AS (
  SELECT region, tier, 0 AS _level, count(*) AS orders,
         count(*) FILTER (WHERE status = 'shipped') AS shipped,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median_amount,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) FILTER (WHERE status = 'shipped') AS p90_shipped,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY quantity) FILTER (WHERE quantity > 4) AS median_big_qty,
         percentile_cont(0.33) WITHIN GROUP (ORDER BY mixed) AS p33_mixed,
         percentile_cont(0) WITHIN GROUP (ORDER BY quantity) AS p0_qty,
         percentile_cont(1) WITHIN GROUP (ORDER BY quantity) AS p100_qty,
         count(*) FILTER (WHERE ships) AS shipping_customers,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE ships) AS median_shipping
  FROM d GROUP BY region, tier
  UNION ALL
  SELECT region, NULL, 1, count(*), count(*) FILTER (WHERE status = 'shipped'),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount),
         percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) FILTER (WHERE status = 'shipped'),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY quantity) FILTER (WHERE quantity > 4),
         percentile_cont(0.33) WITHIN GROUP (ORDER BY mixed),
         percentile_cont(0) WITHIN GROUP (ORDER BY quantity),
         percentile_cont(1) WITHIN GROUP (ORDER BY quantity),
         count(*) FILTER (WHERE ships),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE ships)
  FROM d GROUP BY region
  UNION ALL
  SELECT NULL, NULL, 2, count(*), count(*) FILTER (WHERE status = 'shipped'),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount),
         percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) FILTER (WHERE status = 'shipped'),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY quantity) FILTER (WHERE quantity > 4),
         percentile_cont(0.33) WITHIN GROUP (ORDER BY mixed),
         percentile_cont(0) WITHIN GROUP (ORDER BY quantity),
         percentile_cont(1) WITHIN GROUP (ORDER BY quantity),
         count(*) FILTER (WHERE ships),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FILTER (WHERE ships)
  FROM d
)
SELECT region, tier, _level, orders, shipped, median_amount, p90_shipped, median_big_qty,
       p33_mixed, p0_qty, p100_qty, shipping_customers, median_shipping,
       p90_shipped - median_amount AS spread
FROM t
WHERE orders >= 1
ORDER BY region NULLS LAST, tier NULLS LAST, _level
