SELECT CAST(sum(o.amount) AS DOUBLE PRECISION) / sum(o.quantity) AS price_per_unit,
       c.tier AS tier, sum(o.amount) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier, c.region
ORDER BY c.tier, c.region NULLS LAST
