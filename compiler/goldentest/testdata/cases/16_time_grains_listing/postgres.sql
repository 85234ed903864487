-- report order_time_grains (testdata/cases/16_time_grains_listing/spec.yaml:1)
SELECT
  "o"."id" AS "id",
  "o"."ordered_on" AS "ordered_on",
  CAST(DATE_TRUNC('day', "o"."ordered_on") AS DATE) AS "day",
  CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
  CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
  CAST(DATE_TRUNC('quarter', "o"."ordered_on") AS DATE) AS "quarter",
  CAST(DATE_TRUNC('year', "o"."ordered_on") AS DATE) AS "year"
FROM "orders" AS "o"
ORDER BY "id" NULLS LAST;
