-- report chosen_columns (testdata/cases/37_columns/spec.yaml)
WITH "base" AS (
  -- report chosen_columns (testdata/cases/37_columns/spec.yaml:1)
  SELECT
    "c"."tier" AS "tier",
    "c"."region" AS "region",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
    CAST(SUM("o"."quantity") AS BIGINT) AS "units"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY "c"."tier", "c"."region"
),
"report" AS (
  SELECT
    "base"."tier" AS "tier",
    "base"."region" AS "region",
    "base"."orders" AS "orders",
    "base"."revenue" AS "revenue",
    "base"."units" AS "units",
    -- formula price_per_unit (testdata/cases/37_columns/spec.yaml:14)
    CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST("base"."units" AS DOUBLE), 0) AS "price_per_unit"
  FROM "base"
)
SELECT
  "report"."price_per_unit" AS "price_per_unit",
  "report"."tier" AS "tier",
  "report"."revenue" AS "revenue"
FROM "report"
ORDER BY "report"."tier" NULLS LAST, "report"."region" NULLS LAST;
