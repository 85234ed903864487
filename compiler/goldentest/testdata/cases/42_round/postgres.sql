-- report rounded_readings (testdata/cases/42_round/spec.yaml:1)
SELECT
  "r"."id" AS "id",
  "r"."value" AS "value",
  CAST(ROUND(CAST("r"."value" AS NUMERIC)) AS DOUBLE PRECISION) AS "rounded",
  CAST(ROUND(CAST("r"."value" AS NUMERIC), 1) AS DOUBLE PRECISION) AS "rounded_1",
  CAST(ROUND(CAST("r"."value" AS NUMERIC), 2) AS DOUBLE PRECISION) AS "rounded_2",
  CAST(FLOOR("r"."value") AS DOUBLE PRECISION) AS "floor",
  CAST(CEIL("r"."value") AS DOUBLE PRECISION) AS "ceil",
  CAST(ABS("r"."value") AS DOUBLE PRECISION) AS "abs"
FROM "readings" AS "r"
WHERE "r"."value" IS NOT NULL
ORDER BY "id" NULLS LAST;
