SELECT i.id AS interview, i.candidate AS candidate, r.score AS my_score, r.note AS my_note
FROM interviews i
LEFT JOIN (SELECT interview_id, score, note FROM ratings WHERE user_id = 1) r
  ON r.interview_id = i.id
ORDER BY r.score ASC NULLS LAST, i.id
