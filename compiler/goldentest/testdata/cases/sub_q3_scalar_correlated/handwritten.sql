WITH avgs AS (SELECT role, avg(duration_min) AS a FROM interviews WHERE role IS NOT NULL GROUP BY role),
     n AS (SELECT interview_id, count(*) AS k FROM ratings GROUP BY interview_id)
SELECT i.id AS interview, i.role AS role, i.duration_min AS minutes
FROM interviews i JOIN avgs ON avgs.role = i.role JOIN n ON n.interview_id = i.id
WHERE i.duration_min > avgs.a AND n.k >= 2
ORDER BY i.id
