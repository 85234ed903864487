WITH g AS (
  SELECT c.region, c.name AS customer, count(*) AS orders, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.status <> 'cancelled'
  GROUP BY c.region, c.name
)
SELECT region, customer, orders, revenue,
       CAST(revenue AS DOUBLE PRECISION) / (SELECT CAST(sum(g2.revenue) AS DOUBLE PRECISION) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS region_share,
       (SELECT count(*) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region AND g2.revenue > g.revenue) + 1 AS region_rank,
       (SELECT count(*) FROM g g2 WHERE g2.revenue < g.revenue) + 1 AS lowest_first,
       (SELECT sum(g2.revenue) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS region_revenue,
       (SELECT CAST(sum(g2.revenue) AS DOUBLE PRECISION) / count(*) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS region_avg,
       (SELECT min(g2.revenue) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS region_min,
       (SELECT max(g2.orders) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS region_max_orders,
       (SELECT count(*) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS customers_in_region,
       (SELECT sum(g2.orders) FROM g g2) AS all_orders,
       revenue - (SELECT CAST(sum(g2.revenue) AS DOUBLE PRECISION) / count(*) FROM g g2 WHERE g2.region IS NOT DISTINCT FROM g.region) AS vs_region_avg
FROM g
ORDER BY region NULLS LAST, region_rank, customer
