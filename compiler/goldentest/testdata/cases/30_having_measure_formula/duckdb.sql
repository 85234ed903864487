-- report busy_customers (testdata/cases/30_having_measure_formula/spec.yaml)
WITH "base" AS (
  -- report busy_customers (testdata/cases/30_having_measure_formula/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY "c"."name"
),
"report" AS (
  SELECT
    "base"."customer" AS "customer",
    "base"."orders" AS "orders",
    "base"."revenue" AS "revenue",
    -- formula avg_order (testdata/cases/30_having_measure_formula/spec.yaml:12)
    CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST("base"."orders" AS DOUBLE), 0) AS "avg_order"
  FROM "base"
)
SELECT
  "report"."customer" AS "customer",
  "report"."orders" AS "orders",
  "report"."revenue" AS "revenue",
  "report"."avg_order" AS "avg_order"
FROM "report"
WHERE "report"."orders" >= 2
  AND "report"."avg_order" > 50
ORDER BY "report"."customer" NULLS LAST;
