SELECT u.name AS interviewer, count(*) AS interviews,
  count(CASE WHEN i.id IN (SELECT interview_id FROM ratings WHERE score >= 4) THEN 1 END) AS rated_well,
  sum(CASE WHEN i.id IN (SELECT r.interview_id FROM ratings r JOIN users t ON t.id = r.user_id WHERE t.team = 'search') THEN i.duration_min END) AS rated_by_team
FROM interviews i JOIN users u ON u.id = i.interviewer_id
GROUP BY u.name
ORDER BY u.name
