SELECT c.region AS region, count(*) AS orders, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.customer_id IN (SELECT customer_id FROM shipments WHERE cost >= 10)
  AND o.customer_id NOT IN (SELECT customer_id FROM orders WHERE status = 'refund')
GROUP BY c.region
ORDER BY c.region NULLS LAST
