SELECT date_trunc('day', seen_at, 'America/Denver') AS day,
       CAST(extract(isodow FROM seen_at AT TIME ZONE 'America/Denver') AS BIGINT) AS weekday,
       count(*) AS checkins, sum(minutes) AS minutes,
       min(CAST(extract(hour FROM seen_at AT TIME ZONE 'America/Denver') AS BIGINT)) AS first_hour,
       max(CAST(extract(hour FROM seen_at AT TIME ZONE 'America/Denver') AS BIGINT)) AS last_hour
FROM checkins
GROUP BY 1, 2
ORDER BY 1
