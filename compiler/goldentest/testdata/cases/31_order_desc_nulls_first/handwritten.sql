SELECT c.region AS region, c.tier AS tier, sum(o.amount) AS revenue, sum(o.discount) AS discount
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.region, c.tier
ORDER BY c.region IS NOT NULL, c.region DESC, sum(o.discount) IS NULL, sum(o.discount) DESC, c.tier
