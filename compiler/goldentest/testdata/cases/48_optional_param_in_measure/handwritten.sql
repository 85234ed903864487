SELECT c.region AS region, count(*) AS orders, count(*) AS with_status
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.region
ORDER BY c.region NULLS LAST
