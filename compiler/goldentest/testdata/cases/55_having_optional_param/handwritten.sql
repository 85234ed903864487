SELECT c.name AS customer, count(*) AS orders, sum(o.amount) AS amount
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.name
HAVING sum(o.amount) >= 100
ORDER BY c.name
