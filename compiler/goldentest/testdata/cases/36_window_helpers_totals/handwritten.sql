WITH d AS (
  SELECT c.name AS customer, CAST(date_trunc('week', o.ordered_on) AS DATE) AS week, o.amount
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE o.ordered_on BETWEEN DATE '2024-12-23' AND DATE '2025-01-12'
), t AS (
  SELECT customer, week, 0 AS _level, sum(amount) AS revenue FROM d GROUP BY customer, week
  UNION ALL
  SELECT customer, NULL, 1, sum(amount) FROM d GROUP BY customer
  UNION ALL
  SELECT NULL, NULL, 2, sum(amount) FROM d
)
SELECT customer, week, _level, revenue,
       CAST(revenue AS DOUBLE PRECISION) / NULLIF((SELECT CAST(sum(revenue) AS DOUBLE PRECISION) FROM t t2 WHERE t2._level = t._level), 0) AS share_of_revenue,
       (SELECT count(*) FROM t t2 WHERE t2._level = t._level AND t2.revenue > t.revenue) + 1 AS revenue_rank,
       (SELECT sum(revenue) FROM t t2
         WHERE t2._level = t._level
           AND (t2.customer = t.customer OR (t2.customer IS NULL AND t.customer IS NULL))
           AND (t2.week <= t.week OR t.week IS NULL)) AS customer_to_date
FROM t
ORDER BY customer NULLS LAST, week NULLS LAST, _level
