SELECT u.team AS team, c.region AS region,
       CAST(GROUPING(u.team) + GROUPING(c.region) AS BIGINT) AS _level,
       count(DISTINCT u.id) AS people, count(DISTINCT c.id) AS customers,
       count(DISTINCT CASE WHEN c.tier = 'gold' THEN c.id END) AS gold_customers,
       count(DISTINCT o.id) AS orders, max(o.amount) AS biggest, min(o.ordered_on) AS first_order
FROM users u
FULL JOIN customers c
  ON c.region = CASE u.team WHEN 'search' THEN 'north' WHEN 'ads' THEN 'south' END
  AND u.joined_on >= DATE '2023-02-01'
LEFT JOIN orders o ON o.customer_id = c.id AND o.amount < 1000
GROUP BY ROLLUP (u.team, c.region)
ORDER BY team COLLATE "C" NULLS LAST, region COLLATE "C" NULLS LAST, _level NULLS LAST
