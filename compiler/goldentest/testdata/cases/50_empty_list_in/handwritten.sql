SELECT name AS customer, count(*) AS customers FROM customers WHERE 1 = 0 GROUP BY name ORDER BY name
