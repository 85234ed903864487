SELECT c.name AS customer, c.name || ''' -- "x" \'' /* y */ ;' AS label,
       count(o.id) AS orders, sum(o.amount) AS revenue
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
WHERE c.name IN ('O''Brien & Sons', 'back\slash co')
GROUP BY c.name
ORDER BY c.name
