SELECT interviewer, candidate, score, rater
FROM (
  SELECT u.name AS interviewer, i.candidate AS candidate, r.score AS score, k.name AS rater
  FROM users u
  FULL JOIN interviews i ON i.interviewer_id = u.id AND i.role = 'backend'
  FULL JOIN ratings r ON r.interview_id = i.id AND r.score >= 5
  LEFT JOIN users k ON k.id = r.user_id
) q
ORDER BY interviewer COLLATE "C" NULLS LAST, candidate COLLATE "C" NULLS LAST, score NULLS LAST, rater COLLATE "C" NULLS LAST
