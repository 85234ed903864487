SELECT 'all orders' AS scope, CAST(2 AS BIGINT) AS version, status, 0 AS _level, count(*) AS orders, sum(amount) AS revenue
FROM orders GROUP BY status
UNION ALL
SELECT NULL, NULL, status, 2, count(*), sum(amount) FROM orders GROUP BY status
UNION ALL
SELECT NULL, NULL, NULL, 3, count(*), sum(amount) FROM orders
ORDER BY status NULLS LAST, _level
