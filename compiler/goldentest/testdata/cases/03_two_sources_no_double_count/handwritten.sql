WITH o AS (
  SELECT c.name AS customer, CAST(date_trunc('week', o.ordered_on) AS DATE) AS week,
         count(*) AS orders, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.ordered_on BETWEEN DATE '2024-12-23' AND DATE '2025-02-02'
  GROUP BY 1, 2
), s AS (
  SELECT c.name AS customer, CAST(date_trunc('week', s.shipped_on) AS DATE) AS week,
         count(*) AS shipments, sum(s.packages) AS packages, sum(s.cost) AS ship_cost
  FROM shipments s JOIN customers c ON c.id = s.customer_id
  WHERE s.shipped_on BETWEEN DATE '2024-12-23' AND DATE '2025-02-02'
  GROUP BY 1, 2
)
SELECT COALESCE(o.customer, s.customer) AS customer, COALESCE(o.week, s.week) AS week,
       COALESCE(o.orders, 0) AS orders, o.revenue AS revenue,
       COALESCE(s.shipments, 0) AS shipments, s.packages AS packages, s.ship_cost AS ship_cost,
       CAST(s.ship_cost AS DOUBLE PRECISION) / NULLIF(o.orders, 0) AS cost_per_order
FROM o FULL JOIN s ON s.customer = o.customer AND s.week = o.week
ORDER BY 1, 2
