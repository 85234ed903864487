WITH g AS (
  SELECT site, date_trunc('week', seen_at, 'America/Denver') AS week, count(*) AS checkins, sum(minutes) AS minutes
  FROM checkins
  GROUP BY 1, 2
)
SELECT site, week, checkins, minutes,
       (SELECT g2.minutes FROM g g2 WHERE g2.site = g.site
          AND g2.week AT TIME ZONE 'America/Denver' = g.week AT TIME ZONE 'America/Denver' - INTERVAL '7 days') AS prev_minutes,
       (SELECT g2.minutes FROM g g2 WHERE g2.site = g.site
          AND g2.week AT TIME ZONE 'America/Denver' = g.week AT TIME ZONE 'America/Denver' + INTERVAL '7 days') AS next_minutes,
       CAST(minutes AS DOUBLE PRECISION) / (SELECT sum(g2.minutes) FROM g g2 WHERE g2.week = g.week) AS site_share
FROM g
ORDER BY site, week
