SELECT c.tier AS tier, count(*) AS orders,
       avg(o.amount) AS avg_amount,
       stddev_samp(o.amount) AS stddev_amount,
       var_samp(o.amount) AS variance_amount
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
