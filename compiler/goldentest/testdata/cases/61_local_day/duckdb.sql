-- report checkins_per_local_day (testdata/cases/61_local_day/spec.yaml:1)
SELECT
  CAST((DATE_TRUNC('day', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ) AS "day",
  CAST(EXTRACT(ISODOW FROM ("k"."seen_at" AT TIME ZONE 'America/Denver')) AS BIGINT) AS "weekday",
  COUNT(*) AS "checkins",
  CAST(SUM("k"."minutes") AS BIGINT) AS "minutes",
  MIN(CAST(EXTRACT(HOUR FROM ("k"."seen_at" AT TIME ZONE 'America/Denver')) AS BIGINT)) AS "first_hour",
  MAX(CAST(EXTRACT(HOUR FROM ("k"."seen_at" AT TIME ZONE 'America/Denver')) AS BIGINT)) AS "last_hour"
FROM "checkins" AS "k"
GROUP BY CAST((DATE_TRUNC('day', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ), CAST(EXTRACT(ISODOW FROM ("k"."seen_at" AT TIME ZONE 'America/Denver')) AS BIGINT)
ORDER BY "day" NULLS LAST;
