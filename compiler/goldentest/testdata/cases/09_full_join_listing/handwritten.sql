SELECT u.name AS interviewer, NULL AS candidate, NULL AS role
FROM users u
WHERE NOT EXISTS (SELECT 1 FROM interviews i WHERE i.interviewer_id = u.id AND i.role = 'backend')
UNION ALL
SELECT u.name, i.candidate, i.role
FROM interviews i JOIN users u ON u.id = i.interviewer_id
WHERE i.role = 'backend'
UNION ALL
SELECT NULL, i.candidate, i.role
FROM interviews i
WHERE i.role IS NULL OR i.role <> 'backend'
ORDER BY 1 NULLS LAST, 2 NULLS LAST
