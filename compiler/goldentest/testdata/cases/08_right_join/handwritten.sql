SELECT u.name AS interviewer, u.team AS team, count(i.id) AS interviews,
       sum(i.duration_min) AS minutes, max(i.duration_min) AS longest
FROM users u
LEFT JOIN interviews i ON i.interviewer_id = u.id
GROUP BY u.id, u.name, u.team
ORDER BY u.name
