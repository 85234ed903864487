SELECT iv.name AS interviewer, iv.team AS interviewer_team, count(*) AS ratings,
       avg(CAST(r.score AS DOUBLE PRECISION)) AS avg_score, count(DISTINCT r.user_id) AS raters
FROM ratings r
JOIN interviews i ON i.id = r.interview_id
JOIN users iv ON iv.id = i.interviewer_id
WHERE r.user_id IN (SELECT id FROM users WHERE team = 'search' AND active)
GROUP BY iv.name, iv.team
ORDER BY iv.name
