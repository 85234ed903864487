SELECT c.tier AS tier, count(*) AS orders,
       quantile_cont(CAST(o.amount AS DOUBLE), 0.5) AS median_amount,
       quantile_cont(CAST(o.amount AS DOUBLE), 0.75) AS p75_amount,
       quantile_cont(CAST(o.amount AS DOUBLE), 0.1) AS p10_amount
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
