SELECT c.name AS customer, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.name
ORDER BY 2 DESC
LIMIT 3
