SELECT sensor, count(value) AS readings,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median_value,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90_value,
       min(value) AS p0_value,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST(delta AS DOUBLE PRECISION)) AS median_delta,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY CAST(delta AS DOUBLE PRECISION)) AS p25_delta
FROM readings
GROUP BY sensor
ORDER BY sensor
