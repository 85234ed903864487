SELECT i.id AS interview, count(r.score) AS team_ratings, max(r.score) AS best
FROM interviews i
LEFT JOIN (SELECT r.* FROM ratings r JOIN users u ON u.id = r.user_id WHERE u.team = 'search') r ON r.interview_id = i.id
GROUP BY i.id
ORDER BY i.id
