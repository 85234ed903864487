SELECT c.name AS customer, c.tier AS tier
FROM customers c
WHERE c.id IN (SELECT customer_id FROM orders WHERE status <> 'cancelled' GROUP BY customer_id HAVING sum(amount) > 1000)
  AND c.id NOT IN (SELECT s.customer_id FROM shipments s JOIN customers k ON k.id = s.customer_id WHERE k.tier = 'bronze')
ORDER BY c.name
