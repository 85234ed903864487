-- report iso_week_boundary (testdata/cases/17_iso_week_year_boundary/spec.yaml:1)
SELECT
  CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
  CAST(EXTRACT(WEEK FROM "o"."ordered_on") AS BIGINT) AS "iso_week",
  COUNT(*) AS "orders",
  MIN("o"."ordered_on") AS "first_day",
  MAX("o"."ordered_on") AS "last_day"
FROM "orders" AS "o"
WHERE "o"."ordered_on" BETWEEN DATE '2024-12-23' AND DATE '2025-01-12'
GROUP BY CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE), CAST(EXTRACT(WEEK FROM "o"."ordered_on") AS BIGINT)
ORDER BY "week" NULLS LAST;
