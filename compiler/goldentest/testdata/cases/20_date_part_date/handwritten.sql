SELECT id, ordered_on,
       CAST(EXTRACT(YEAR FROM ordered_on) AS BIGINT) AS year,
       CAST(EXTRACT(WEEK FROM ordered_on) AS BIGINT) AS week,
       CAST(EXTRACT(DOW FROM ordered_on) AS BIGINT) AS dow,
       CAST(EXTRACT(ISODOW FROM ordered_on) AS BIGINT) AS isodow,
       CAST(EXTRACT(DOY FROM ordered_on) AS BIGINT) AS doy,
       CAST(EXTRACT(QUARTER FROM ordered_on) AS BIGINT) AS quarter
FROM orders
WHERE ordered_on < DATE '2025-01-10'
ORDER BY ordered_on, id
