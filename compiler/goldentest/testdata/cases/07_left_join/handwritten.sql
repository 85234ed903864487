SELECT c.name AS customer, c.region AS region,
       (SELECT count(*) FROM orders o WHERE o.customer_id = c.id AND o.status = 'shipped') AS orders,
       (SELECT sum(o.amount) FROM orders o WHERE o.customer_id = c.id AND o.status = 'shipped') AS revenue,
       (SELECT max(o.ordered_on) FROM orders o WHERE o.customer_id = c.id AND o.status = 'shipped') AS last_order
FROM customers c
ORDER BY c.name
