SELECT name AS customer FROM customers ORDER BY name
