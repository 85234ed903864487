SELECT id, value,
       round(value) AS rounded,
       round(CAST(value AS DECIMAL(18, 6)), 1) AS rounded_1,
       round(CAST(value AS DECIMAL(18, 6)), 2) AS rounded_2,
       floor(value) AS floor, ceil(value) AS ceil, abs(value) AS abs
FROM readings
WHERE value IS NOT NULL
ORDER BY id
