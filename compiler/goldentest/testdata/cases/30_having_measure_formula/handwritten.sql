SELECT c.name AS customer, count(*) AS orders, sum(o.amount) AS revenue,
       CAST(sum(o.amount) AS DOUBLE PRECISION) / count(*) AS avg_order
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.name
HAVING count(*) >= 2 AND CAST(sum(o.amount) AS DOUBLE PRECISION) / count(*) > 50
ORDER BY c.name
