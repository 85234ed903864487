SELECT region, tier FROM customers c
WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'shipped')
GROUP BY region, tier
ORDER BY region DESC NULLS LAST, tier
