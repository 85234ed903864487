SELECT sensor, count(*) AS readings,
       sqrt(sum((value - m) * (value - m)) / NULLIF(count(value) - 1, 0)) AS stddev_value,
       sum((value - m) * (value - m)) / NULLIF(count(value) - 1, 0) AS variance_value,
       stddev_samp(CAST(delta AS DOUBLE PRECISION)) AS stddev_delta
FROM readings
JOIN (SELECT sensor AS s, avg(value) AS m FROM readings GROUP BY sensor) a ON a.s = sensor
GROUP BY sensor
ORDER BY sensor
