WITH a AS (
  SELECT c.region, count(*) AS orders FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.region
), b AS (
  SELECT c.region, sum(s.packages) AS packages FROM shipments s JOIN customers c ON c.id = s.customer_id
  WHERE s.customer_id IN (SELECT customer_id FROM orders WHERE status = 'shipped')
  GROUP BY c.region
), u AS (
  SELECT region, orders, CAST(NULL AS BIGINT) AS packages FROM a
  UNION ALL
  SELECT region, CAST(NULL AS BIGINT), packages FROM b
)
SELECT region, coalesce(max(orders), 0) AS orders, max(packages) AS packages
FROM u GROUP BY region
ORDER BY region NULLS LAST
