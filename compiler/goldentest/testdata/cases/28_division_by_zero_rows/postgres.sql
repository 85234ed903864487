-- report per_discount (testdata/cases/28_division_by_zero_rows/spec.yaml:1)
SELECT
  "o"."id" AS "id",
  "o"."amount" AS "amount",
  "o"."discount" AS "discount",
  CAST("o"."amount" AS DOUBLE PRECISION) / NULLIF(CAST("o"."discount" AS DOUBLE PRECISION), 0) AS "per_discount",
  CAST("o"."quantity" AS DOUBLE PRECISION) / NULLIF(CAST("o"."quantity" - "o"."quantity" AS DOUBLE PRECISION), 0) AS "per_nothing",
  CAST("o"."quantity" AS DOUBLE PRECISION) / NULLIF(CAST(2 AS DOUBLE PRECISION), 0) AS "int_ratio"
FROM "orders" AS "o"
WHERE "o"."id" <= 5
ORDER BY "id" NULLS LAST;
