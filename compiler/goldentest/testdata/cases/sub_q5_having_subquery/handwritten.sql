SELECT c.tier AS customer_tier, count(*) AS orders, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
HAVING c.tier IN (SELECT tier FROM customers WHERE region IS NULL) AND count(*) > 2
ORDER BY c.tier
