-- report readings_by_day (testdata/cases/18_time_grains_timestamp/spec.yaml:1)
SELECT
  CAST(DATE_TRUNC('day', "r"."taken_at") AS TIMESTAMP) AS "day",
  CAST(DATE_TRUNC('week', "r"."taken_at") AS TIMESTAMP) AS "week",
  CAST(DATE_TRUNC('month', "r"."taken_at") AS TIMESTAMP) AS "month",
  CAST(DATE_TRUNC('quarter', "r"."taken_at") AS TIMESTAMP) AS "quarter",
  CAST(DATE_TRUNC('year', "r"."taken_at") AS TIMESTAMP) AS "year",
  COUNT(*) AS "readings",
  CAST(SUM("r"."value") AS DOUBLE PRECISION) AS "total",
  MIN("r"."taken_at") AS "first_at",
  MAX("r"."taken_at") AS "last_at"
FROM "readings" AS "r"
GROUP BY CAST(DATE_TRUNC('day', "r"."taken_at") AS TIMESTAMP), CAST(DATE_TRUNC('week', "r"."taken_at") AS TIMESTAMP), CAST(DATE_TRUNC('month', "r"."taken_at") AS TIMESTAMP), CAST(DATE_TRUNC('quarter', "r"."taken_at") AS TIMESTAMP), CAST(DATE_TRUNC('year', "r"."taken_at") AS TIMESTAMP)
ORDER BY "day" NULLS LAST;
