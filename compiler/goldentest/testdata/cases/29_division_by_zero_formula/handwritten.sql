SELECT c.name AS customer, sum(o.amount) AS revenue,
       count(CASE WHEN o.status = 'cancelled' THEN o.id END) AS cancelled,
       sum(o.discount) AS discount,
       CASE WHEN sum(o.discount) <> 0 THEN CAST(sum(o.amount) AS DOUBLE PRECISION) / CAST(sum(o.discount) AS DOUBLE PRECISION) END AS amount_per_discount,
       CASE WHEN count(CASE WHEN o.status = 'cancelled' THEN o.id END) > 0
            THEN CAST(sum(o.amount) AS DOUBLE PRECISION) / count(CASE WHEN o.status = 'cancelled' THEN o.id END) END AS revenue_per_cancel,
       CASE WHEN sum(o.amount) <> 0 THEN CAST(sum(o.discount) AS DOUBLE PRECISION) / CAST(sum(o.amount) AS DOUBLE PRECISION) END AS discount_share,
       CAST(NULL AS DOUBLE PRECISION) AS zero
FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.name
ORDER BY c.name
