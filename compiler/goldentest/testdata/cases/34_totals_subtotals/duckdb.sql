-- report revenue_subtotals_by_region (testdata/cases/34_totals_subtotals/spec.yaml)
WITH "base" AS (
  -- report revenue_subtotals_by_region (testdata/cases/34_totals_subtotals/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."tier" AS "tier",
    CAST(GROUPING("c"."region") + GROUPING("c"."tier") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region", "c"."tier") AS BIGINT) AS "_set",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
    CAST(SUM("o"."quantity") AS BIGINT) AS "units"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY GROUPING SETS (("c"."region", "c"."tier"), ("c"."region"), ())
)
SELECT
  "base"."region" AS "region",
  "base"."tier" AS "tier",
  "base"."_level" AS "_level",
  "base"."orders" AS "orders",
  "base"."revenue" AS "revenue",
  "base"."units" AS "units",
  -- formula price_per_unit (testdata/cases/34_totals_subtotals/spec.yaml:14)
  CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST("base"."units" AS DOUBLE), 0) AS "price_per_unit"
FROM "base"
ORDER BY "base"."region" NULLS LAST, "base"."tier" NULLS LAST, "base"."_level" NULLS LAST, "base"."_level" NULLS LAST;
