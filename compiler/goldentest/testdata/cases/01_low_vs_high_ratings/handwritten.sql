SELECT i.id AS interview, i.candidate AS candidate, mine.score AS my_score,
       (SELECT count(*) FROM ratings o
         WHERE o.interview_id = i.id AND o.user_id <> 1 AND o.score >= 4) AS high_raters,
       (SELECT max(o.score) FROM ratings o
         WHERE o.interview_id = i.id AND o.user_id <> 1 AND o.score >= 4) AS best_other
FROM interviews i
JOIN ratings mine ON mine.interview_id = i.id AND mine.user_id = 1
WHERE mine.score <= 2
  AND EXISTS (SELECT 1 FROM ratings o
               WHERE o.interview_id = i.id AND o.user_id <> 1 AND o.score >= 4)
ORDER BY i.id
