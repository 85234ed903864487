SELECT sensor, count(*) AS readings, min(taken_at) AS first_at, max(taken_at) AS last_at
FROM readings
WHERE taken_at >= TIMESTAMP '2025-01-01 05:00:00' AND taken_at < TIMESTAMP '2025-03-01 06:00:00'
GROUP BY sensor
ORDER BY sensor
