SELECT c.name AS customer, c.tier AS tier, count(*) AS orders, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE c.tier IN ('gold', 'silver')
  AND c.name IN ('O''Brien & Sons', 'back\slash co', 'Say "hi" Ltd', 'Zed')
  AND o.id NOT IN (1, 2, 13)
GROUP BY c.name, c.tier
ORDER BY c.name
