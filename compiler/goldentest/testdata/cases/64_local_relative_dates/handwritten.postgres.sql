-- start_of(week, now) at 2025-03-15 04:30 MDT is Monday 2025-03-10 00:00 MDT;
-- two calendar weeks before is 2025-02-24 00:00 MST; 2025-11-02 lasts 25 hours.
SELECT date_trunc('day', seen_at, 'America/Denver') AS day, count(*) AS checkins, sum(minutes) AS minutes
FROM checkins
WHERE (seen_at >= TIMESTAMPTZ '2025-02-24 07:00:00+00' AND seen_at < TIMESTAMPTZ '2025-03-10 06:00:00+00')
   OR (seen_at >= TIMESTAMPTZ '2025-11-02 06:00:00+00' AND seen_at < TIMESTAMPTZ '2025-11-03 07:00:00+00')
GROUP BY 1
ORDER BY 1
