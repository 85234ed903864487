-- report having_optional_param (testdata/cases/55_having_optional_param/spec.yaml)
WITH "base" AS (
  -- report having_optional_param (testdata/cases/55_having_optional_param/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "amount"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY "c"."name"
),
"report" AS (
  SELECT
    "base"."customer" AS "customer",
    "base"."orders" AS "orders",
    "base"."amount" AS "amount"
  FROM "base"
)
SELECT
  "report"."customer" AS "customer",
  "report"."orders" AS "orders",
  "report"."amount" AS "amount"
FROM "report"
WHERE "report"."amount" >= $1
ORDER BY "report"."customer" COLLATE "C" NULLS LAST;
-- $1 = float64 100
