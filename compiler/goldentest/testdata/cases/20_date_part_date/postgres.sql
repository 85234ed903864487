-- report order_date_parts (testdata/cases/20_date_part_date/spec.yaml:1)
SELECT
  "o"."id" AS "id",
  "o"."ordered_on" AS "ordered_on",
  CAST(EXTRACT(YEAR FROM "o"."ordered_on") AS BIGINT) AS "year",
  CAST(EXTRACT(WEEK FROM "o"."ordered_on") AS BIGINT) AS "week",
  CAST(EXTRACT(DOW FROM "o"."ordered_on") AS BIGINT) AS "dow",
  CAST(EXTRACT(ISODOW FROM "o"."ordered_on") AS BIGINT) AS "isodow",
  CAST(EXTRACT(DOY FROM "o"."ordered_on") AS BIGINT) AS "doy",
  CAST(EXTRACT(QUARTER FROM "o"."ordered_on") AS BIGINT) AS "quarter"
FROM "orders" AS "o"
WHERE "o"."ordered_on" < DATE '2025-01-10'
ORDER BY "ordered_on" NULLS LAST, "id" NULLS LAST;
