WITH g AS (
  SELECT site, timezone('America/Denver', date_trunc('week', timezone('America/Denver', seen_at))) AS week,
         count(*) AS checkins, sum(minutes) AS minutes
  FROM checkins
  GROUP BY 1, 2
)
SELECT site, week, checkins, minutes,
       (SELECT g2.minutes FROM g g2 WHERE g2.site = g.site
          AND timezone('America/Denver', g2.week) = timezone('America/Denver', g.week) - INTERVAL 7 DAY) AS prev_minutes,
       (SELECT g2.minutes FROM g g2 WHERE g2.site = g.site
          AND timezone('America/Denver', g2.week) = timezone('America/Denver', g.week) + INTERVAL 7 DAY) AS next_minutes,
       CAST(minutes AS DOUBLE) / (SELECT sum(g2.minutes) FROM g g2 WHERE g2.week = g.week) AS site_share
FROM g
ORDER BY site, week
