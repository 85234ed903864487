SELECT id, amount, discount,
       CASE WHEN discount <> 0 THEN CAST(amount AS DOUBLE PRECISION) / CAST(discount AS DOUBLE PRECISION) END AS per_discount,
       CAST(NULL AS DOUBLE PRECISION) AS per_nothing,
       quantity / 2.0 AS int_ratio
FROM orders
WHERE id <= 5
ORDER BY id
