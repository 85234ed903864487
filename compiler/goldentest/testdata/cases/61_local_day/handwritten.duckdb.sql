SELECT timezone('America/Denver', date_trunc('day', timezone('America/Denver', seen_at))) AS day,
       isodow(timezone('America/Denver', seen_at)) AS weekday,
       count(*) AS checkins, sum(minutes) AS minutes,
       min(hour(timezone('America/Denver', seen_at))) AS first_hour,
       max(hour(timezone('America/Denver', seen_at))) AS last_hour
FROM checkins
GROUP BY 1, 2
ORDER BY 1
