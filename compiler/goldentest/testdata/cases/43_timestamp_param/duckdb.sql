-- report readings_since (testdata/cases/43_timestamp_param/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT(*) AS "readings",
  MIN("r"."taken_at") AS "first_at",
  MAX("r"."taken_at") AS "last_at"
FROM "readings" AS "r"
WHERE "r"."taken_at" >= CAST($1 AS TIMESTAMPTZ)
  AND "r"."taken_at" < CAST($2 AS TIMESTAMPTZ)
GROUP BY "r"."sensor"
ORDER BY "r"."sensor" NULLS LAST;
-- $1 = time 2025-01-01T05:00:00Z
-- $2 = time 2025-03-01T06:00:00Z
