SELECT sensor, count(*) AS readings, sum(delta) AS total_delta, min(delta) AS min_delta,
       max(delta) AS max_delta, max(delta) - 9000000000000000000 AS shifted, -max(value) AS neg_value
FROM readings
WHERE delta >= -9000000000000000 AND (value > -3.25 OR value IS NULL)
GROUP BY sensor
ORDER BY sensor
