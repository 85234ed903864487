SELECT CASE WHEN o.amount >= 500 THEN 'large' WHEN o.amount >= 50 THEN 'medium'
            WHEN o.amount >= 0 THEN 'small' ELSE 'refund' END AS size,
       COALESCE(c.region, 'unknown') AS region,
       count(*) AS orders,
       max(CAST(o.quantity AS TEXT)) AS qty_text,
       sum(CAST(o.amount AS INTEGER)) AS amount_int,
       sum(CAST(o.amount AS DECIMAL(10, 1))) AS amount_2,
       sum(COALESCE(o.discount, 0)) AS discount_or_zero,
       count(CASE WHEN o.discount <> 0 THEN 1 END) AS nonzero_discounts,
       sum(CASE WHEN o.amount < 100 THEN o.amount ELSE 100 END) AS capped,
       min(CASE WHEN o.amount > 0 THEN o.amount ELSE 0 END) AS floor_0,
       max(CASE WHEN o.amount > 900 THEN 1 ELSE 0 END) AS is_big
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY 1, 2
ORDER BY 1, 2
