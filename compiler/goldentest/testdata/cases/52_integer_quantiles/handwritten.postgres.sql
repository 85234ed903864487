SELECT c.tier AS tier, count(*) AS orders,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY o.quantity) AS median_qty,
       percentile_cont(0.3) WITHIN GROUP (ORDER BY o.quantity) AS p30_qty,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY o.quantity) AS p95_qty
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
