SELECT r.sensor AS sensor, r.taken_at AS taken_at, r.value AS value, r.delta AS delta,
       k.site AS site, k.seen_at AS seen_at, u.active AS active, u.joined_on AS joined_on
FROM readings r
FULL JOIN checkins k ON k.id = r.id AND k.minutes > 10
FULL JOIN users u ON u.id = k.id AND u.active
ORDER BY 2 NULLS LAST, 6 NULLS LAST, 8 NULLS LAST
