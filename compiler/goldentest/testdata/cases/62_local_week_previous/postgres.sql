-- report checkins_per_local_week (testdata/cases/62_local_week_previous/spec.yaml)
WITH "base" AS (
  -- report checkins_per_local_week (testdata/cases/62_local_week_previous/spec.yaml:1)
  SELECT
    "k"."site" AS "site",
    CAST((DATE_TRUNC('week', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ) AS "week",
    COUNT(*) AS "checkins",
    CAST(SUM("k"."minutes") AS BIGINT) AS "minutes"
  FROM "checkins" AS "k"
  GROUP BY "k"."site", CAST((DATE_TRUNC('week', ("k"."seen_at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ)
)
SELECT
  "base"."site" AS "site",
  "base"."week" AS "week",
  "base"."checkins" AS "checkins",
  "base"."minutes" AS "minutes",
  -- formula prev_minutes (testdata/cases/62_local_week_previous/spec.yaml:12)
  "prev_week"."minutes" AS "prev_minutes",
  -- formula next_minutes (testdata/cases/62_local_week_previous/spec.yaml:13)
  "next_week"."minutes" AS "next_minutes",
  -- formula site_share (testdata/cases/62_local_week_previous/spec.yaml:14)
  CAST("base"."minutes" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("base"."minutes") OVER (PARTITION BY "base"."week") AS BIGINT) AS DOUBLE PRECISION), 0) AS "site_share"
FROM "base"
LEFT JOIN "base" AS "prev_week" ON "prev_week"."week" = CAST((CAST(("base"."week" AT TIME ZONE 'America/Denver') - INTERVAL '1 week' AS TIMESTAMP) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ) AND "prev_week"."site" IS NOT DISTINCT FROM "base"."site"
LEFT JOIN "base" AS "next_week" ON "next_week"."week" = CAST((CAST(("base"."week" AT TIME ZONE 'America/Denver') - INTERVAL '-1 weeks' AS TIMESTAMP) AT TIME ZONE 'America/Denver') AS TIMESTAMPTZ) AND "next_week"."site" IS NOT DISTINCT FROM "base"."site"
ORDER BY "base"."site" COLLATE "C" NULLS LAST, "base"."week" NULLS LAST;
