SELECT c.tier AS tier, count(*) AS orders,
       quantile_cont(CAST(o.quantity AS DOUBLE), 0.5) AS median_qty,
       quantile_cont(CAST(o.quantity AS DOUBLE), 0.3) AS p30_qty,
       quantile_cont(CAST(o.quantity AS DOUBLE), 0.95) AS p95_qty
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
