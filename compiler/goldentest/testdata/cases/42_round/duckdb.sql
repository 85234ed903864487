-- report rounded_readings (testdata/cases/42_round/spec.yaml:1)
SELECT
  "r"."id" AS "id",
  "r"."value" AS "value",
  CAST(ROUND("r"."value") AS DOUBLE) AS "rounded",
  CAST(ROUND("r"."value", 1) AS DOUBLE) AS "rounded_1",
  CAST(ROUND("r"."value", 2) AS DOUBLE) AS "rounded_2",
  CAST(FLOOR("r"."value") AS DOUBLE) AS "floor",
  CAST(CEIL("r"."value") AS DOUBLE) AS "ceil",
  CAST(ABS("r"."value") AS DOUBLE) AS "abs"
FROM "readings" AS "r"
WHERE "r"."value" IS NOT NULL
ORDER BY "id" NULLS LAST;
