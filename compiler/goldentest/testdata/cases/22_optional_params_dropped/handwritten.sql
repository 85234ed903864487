SELECT c.name AS customer, count(*) AS orders, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.amount >= 50 AND o.status = 'shipped'
GROUP BY c.name
ORDER BY c.name
