SELECT name AS customer, count(*) AS customers FROM customers GROUP BY name ORDER BY name
