SELECT id, upper(name) AS upper_name, lower(coalesce(team, 'NONE')) AS lower_team,
       CAST(length(name) AS BIGINT) AS name_length, substr(name, 1, 2) AS initials,
       substr(name, 3) AS tail, name AS padded,
       name || '@' || coalesce(team, '') AS tag,
       name || '/' || team AS piped,
       lower(name) LIKE 'e%' AS is_e,
       team = 'search' AS searched
FROM users
WHERE active AND name NOT LIKE '%x%'
ORDER BY id
