SELECT c.tier AS tier,
       count(*) AS all_orders,
       count(CASE WHEN o.status = 'shipped' THEN 1 END) AS shipped,
       count(CASE WHEN o.status <> 'shipped' THEN 1 END) AS not_shipped,
       sum(CASE WHEN o.status = 'shipped' THEN o.amount END) AS shipped_revenue,
       sum(CASE WHEN o.status = 'shipped' AND o.amount >= 100 THEN o.amount END) AS big_shipped,
       avg(CASE WHEN o.discount > 0 THEN CAST(o.discount AS DOUBLE PRECISION) END) AS avg_discount,
       min(CASE WHEN o.amount < 0 THEN o.amount END) AS refunds
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
