SELECT name AS customer
FROM customers
WHERE position('\' IN name) > 0 AND (name LIKE 'back%' OR position('\s' IN name) > 0)
ORDER BY name
