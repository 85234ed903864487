-- report revenue_rollup (testdata/cases/60_rollup_totals/spec.yaml)
WITH "base" AS (
  -- report revenue_rollup (testdata/cases/60_rollup_totals/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."tier" AS "tier",
    CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
    CAST(GROUPING("c"."region") + GROUPING("c"."tier") + GROUPING(CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)) AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region", "c"."tier", CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)) AS BIGINT) AS "_set",
    COUNT(*) AS "orders",
    CAST(SUM("o"."quantity") AS BIGINT) AS "units",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
  GROUP BY GROUPING SETS (("c"."region", "c"."tier", CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)), ("c"."region", "c"."tier"), ("c"."region"), ())
)
SELECT
  "base"."region" AS "region",
  "base"."tier" AS "tier",
  "base"."month" AS "month",
  "base"."_level" AS "_level",
  "base"."orders" AS "orders",
  "base"."units" AS "units",
  "base"."revenue" AS "revenue",
  -- formula revenue_per_unit (testdata/cases/60_rollup_totals/spec.yaml:16)
  CAST("base"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST("base"."units" AS DOUBLE PRECISION), 0) AS "revenue_per_unit",
  -- formula share_of_level (testdata/cases/60_rollup_totals/spec.yaml:17)
  CAST("base"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "share_of_level"
FROM "base"
ORDER BY "base"."region" COLLATE "C" NULLS LAST, "base"."tier" COLLATE "C" NULLS LAST, "base"."month" NULLS LAST, "base"."_level" NULLS LAST;
