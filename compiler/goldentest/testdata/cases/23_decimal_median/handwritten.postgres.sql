SELECT c.tier AS tier, count(*) AS orders,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(o.amount AS DOUBLE PRECISION)) AS median_amount,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY CAST(o.amount AS DOUBLE PRECISION)) AS p75_amount,
       percentile_cont(0.1) WITHIN GROUP (ORDER BY CAST(o.amount AS DOUBLE PRECISION)) AS p10_amount
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
