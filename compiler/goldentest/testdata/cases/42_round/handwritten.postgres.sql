SELECT id, value,
       CAST(round(CAST(value AS NUMERIC)) AS DOUBLE PRECISION) AS rounded,
       round(CAST(value AS NUMERIC), 1) AS rounded_1,
       round(CAST(value AS NUMERIC), 2) AS rounded_2,
       floor(value) AS floor, ceil(value) AS ceil, abs(value) AS abs
FROM readings
WHERE value IS NOT NULL
ORDER BY id
