SELECT sensor, count(value) AS readings,
       quantile_cont(value, 0.5) AS median_value,
       quantile_cont(value, 0.9) AS p90_value,
       min(value) AS p0_value,
       quantile_cont(CAST(delta AS DOUBLE), 0.5) AS median_delta,
       quantile_cont(CAST(delta AS DOUBLE), 0.25) AS p25_delta
FROM readings
GROUP BY sensor
ORDER BY sensor
