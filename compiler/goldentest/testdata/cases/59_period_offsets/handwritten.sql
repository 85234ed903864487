WITH g AS (
  SELECT c.name AS customer, CAST(date_trunc('week', o.ordered_on) AS DATE) AS week, count(*) AS orders, sum(o.amount) AS revenue
  FROM orders o JOIN customers c ON c.id = o.customer_id
  WHERE c.id IN (1, 2)
  GROUP BY c.name, CAST(date_trunc('week', o.ordered_on) AS DATE)
), r AS (
SELECT customer, week, orders, revenue,
       (SELECT g2.orders FROM g g2 WHERE g2.customer = g.customer AND g2.week + 14 = g.week) AS two_weeks_back,
       revenue - (SELECT g2.revenue FROM g g2 WHERE g2.customer = g.customer AND g2.week + 14 = g.week) AS change_vs_two,
       CAST(revenue - (SELECT g2.revenue FROM g g2 WHERE g2.customer = g.customer AND g2.week + 21 = g.week) AS DOUBLE PRECISION)
         / NULLIF((SELECT CAST(g2.revenue AS DOUBLE PRECISION) FROM g g2 WHERE g2.customer = g.customer AND g2.week + 21 = g.week), 0) AS pct_vs_three,
       (SELECT g2.orders FROM g g2 WHERE g2.customer = g.customer AND g2.week = g.week + 7) AS next_week,
       (SELECT g2.revenue FROM g g2 WHERE g2.customer = g.customer AND g2.week = g.week + 14) AS in_two_weeks,
       (SELECT g2.orders FROM g g2 WHERE g2.customer = g.customer AND g2.week + 7 = g.week) AS last_week
FROM g
)
SELECT r.*,
       CASE WHEN change_vs_two IS NULL
            THEN (SELECT count(r2.change_vs_two) FROM r r2 WHERE r2.customer = r.customer) + 1
            ELSE (SELECT count(*) FROM r r2 WHERE r2.customer = r.customer AND r2.change_vs_two > r.change_vs_two) + 1
       END AS change_rank
FROM r
ORDER BY customer, week
