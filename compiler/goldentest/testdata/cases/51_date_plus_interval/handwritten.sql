SELECT id, ordered_on + INTERVAL '1 day' AS next_day, ordered_on + INTERVAL '36 hours' AS later
FROM orders WHERE id <= 3 ORDER BY id
