SELECT c.tier AS tier, count(*) AS orders,
       CAST(sum(o.quantity) AS DOUBLE PRECISION) / count(o.quantity) AS avg_qty,
       (SELECT CAST(sum(q) AS DOUBLE PRECISION) / count(q)
          FROM (SELECT DISTINCT o2.quantity AS q FROM orders o2 JOIN customers c2 ON c2.id = o2.customer_id
                WHERE c2.tier = c.tier) d) AS avg_distinct_qty
FROM orders o JOIN customers c ON c.id = o.customer_id
GROUP BY c.tier
ORDER BY c.tier
