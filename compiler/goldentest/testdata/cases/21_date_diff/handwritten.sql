SELECT i.id AS interview, u.joined_on, i.held_on,
       i.held_on - u.joined_on AS days,
       (EXTRACT(YEAR FROM i.held_on) - EXTRACT(YEAR FROM u.joined_on)) * 12
         + EXTRACT(MONTH FROM i.held_on) - EXTRACT(MONTH FROM u.joined_on) AS months,
       EXTRACT(YEAR FROM i.held_on) - EXTRACT(YEAR FROM u.joined_on) AS years,
       DATE '2025-01-01' - i.held_on AS days_to_new_year,
       (EXTRACT(YEAR FROM u.joined_on) - EXTRACT(YEAR FROM i.held_on)) * 12
         + EXTRACT(MONTH FROM u.joined_on) - EXTRACT(MONTH FROM i.held_on) AS months_back
FROM interviews i JOIN users u ON u.id = i.interviewer_id
ORDER BY i.id
