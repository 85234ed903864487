-- report price_per_unit_by_tier (testdata/cases/04_totals_ratio_of_sums/spec.yaml)
WITH "base" AS (
  -- report price_per_unit_by_tier (testdata/cases/04_totals_ratio_of_sums/spec.yaml:1)
  SELECT
    "c"."tier" AS "tier",
    CAST(GROUPING("c"."tier") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."tier") AS BIGINT) AS "_set",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue",
    CAST(SUM("o"."quantity") AS BIGINT) AS "units"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
  GROUP BY GROUPING SETS (("c"."tier"), ())
)
SELECT
  "base"."tier" AS "tier",
  "base"."_level" AS "_level",
  "base"."revenue" AS "revenue",
  "base"."units" AS "units",
  -- formula price_per_unit (testdata/cases/04_totals_ratio_of_sums/spec.yaml:16)
  CAST("base"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST("base"."units" AS DOUBLE PRECISION), 0) AS "price_per_unit"
FROM "base"
ORDER BY "base"."tier" COLLATE "C" NULLS LAST, "base"."_level" NULLS LAST;
