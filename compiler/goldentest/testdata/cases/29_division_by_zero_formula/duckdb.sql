-- report revenue_per_cancellation (testdata/cases/29_division_by_zero_formula/spec.yaml)
WITH "base" AS (
  -- report revenue_per_cancellation (testdata/cases/29_division_by_zero_formula/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
    COUNT("o"."id") FILTER (WHERE "o"."status" = 'cancelled') AS "cancelled",
    CAST(SUM("o"."discount") AS DECIMAL(38, 2)) AS "discount",
    CAST(CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS DOUBLE) / NULLIF(CAST(CAST(SUM("o"."discount") AS DECIMAL(38, 2)) AS DOUBLE), 0) AS "amount_per_discount"
  FROM "customers" AS "c"
  LEFT JOIN "orders" AS "o" ON "o"."customer_id" = "c"."id"
  GROUP BY "c"."name"
)
SELECT
  "base"."customer" AS "customer",
  "base"."revenue" AS "revenue",
  "base"."cancelled" AS "cancelled",
  "base"."discount" AS "discount",
  "base"."amount_per_discount" AS "amount_per_discount",
  -- formula revenue_per_cancel (testdata/cases/29_division_by_zero_formula/spec.yaml:14)
  CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST("base"."cancelled" AS DOUBLE), 0) AS "revenue_per_cancel",
  -- formula discount_share (testdata/cases/29_division_by_zero_formula/spec.yaml:15)
  CAST("base"."discount" AS DOUBLE) / NULLIF(CAST("base"."revenue" AS DOUBLE), 0) AS "discount_share",
  -- formula zero (testdata/cases/29_division_by_zero_formula/spec.yaml:16)
  CAST("base"."cancelled" AS DOUBLE) / NULLIF(CAST(0 AS DOUBLE), 0) AS "zero"
FROM "base"
ORDER BY "base"."customer" NULLS LAST;
