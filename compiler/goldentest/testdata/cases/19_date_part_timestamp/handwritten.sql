SELECT id,
       CAST(EXTRACT(YEAR FROM taken_at) AS BIGINT) AS year,
       CAST(EXTRACT(QUARTER FROM taken_at) AS BIGINT) AS quarter,
       CAST(EXTRACT(MONTH FROM taken_at) AS BIGINT) AS month,
       CAST(EXTRACT(WEEK FROM taken_at) AS BIGINT) AS week,
       CAST(EXTRACT(DAY FROM taken_at) AS BIGINT) AS day,
       CAST(EXTRACT(DOW FROM taken_at) AS BIGINT) AS dow,
       CAST(EXTRACT(ISODOW FROM taken_at) AS BIGINT) AS isodow,
       CAST(EXTRACT(DOY FROM taken_at) AS BIGINT) AS doy,
       CAST(EXTRACT(HOUR FROM taken_at) AS BIGINT) AS hour,
       CAST(EXTRACT(MINUTE FROM taken_at) AS BIGINT) AS minute,
       DATE '2025-03-01' - CAST(taken_at AS DATE) AS days_to_march
FROM readings
ORDER BY id
