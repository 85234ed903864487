SELECT month, count(*) AS orders, count(DISTINCT customer_id) AS customers,
       count(DISTINCT status) AS statuses, count(discount) AS discounted,
       (SELECT sum(q) FROM (SELECT DISTINCT quantity AS q FROM orders o2
          WHERE CAST(date_trunc('month', o2.ordered_on) AS DATE) = m.month) d) AS distinct_quantities
FROM (SELECT CAST(date_trunc('month', ordered_on) AS DATE) AS month, customer_id, status, discount
      FROM orders) m
GROUP BY month
ORDER BY month
