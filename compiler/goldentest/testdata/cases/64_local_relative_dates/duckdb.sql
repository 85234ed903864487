-- report checkins_in_relative_windows (testdata/cases/64_local_relative_dates/spec.yaml:1)
SELECT
  CAST((DATE_TRUNC('day', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ) AS "day",
  COUNT(*) AS "checkins",
  CAST(SUM("k"."minutes") AS BIGINT) AS "minutes"
FROM "checkins" AS "k"
WHERE ("k"."seen_at" >= CAST($1 AS TIMESTAMPTZ) AND "k"."seen_at" < CAST($2 AS TIMESTAMPTZ) OR "k"."seen_at" >= CAST($3 AS TIMESTAMPTZ) AND "k"."seen_at" < CAST($4 AS TIMESTAMPTZ))
GROUP BY CAST((DATE_TRUNC('day', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ)
ORDER BY "day" NULLS LAST;
-- $1 = time 2025-02-24T00:00:00-07:00
-- $2 = time 2025-03-10T00:00:00-06:00
-- $3 = time 2025-11-02T00:00:00-06:00
-- $4 = time 2025-11-03T00:00:00-07:00
