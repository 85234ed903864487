-- report customer_share_with_totals (testdata/cases/36_window_helpers_totals/spec.yaml)
WITH "base" AS (
  -- report customer_share_with_totals (testdata/cases/36_window_helpers_totals/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    CAST(GROUPING("c"."name") + GROUPING(CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)) AS BIGINT) AS "_level",
    CAST(GROUPING("c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)) AS BIGINT) AS "_set",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."ordered_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY GROUPING SETS (("c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)), ("c"."name"), ())
)
SELECT
  "base"."customer" AS "customer",
  "base"."week" AS "week",
  "base"."_level" AS "_level",
  "base"."revenue" AS "revenue",
  -- formula share_of_revenue (testdata/cases/36_window_helpers_totals/spec.yaml:16)
  CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set") AS DECIMAL(38, 2)) AS DOUBLE), 0) AS "share_of_revenue",
  -- formula revenue_rank (testdata/cases/36_window_helpers_totals/spec.yaml:17)
  RANK() OVER (PARTITION BY "base"."_set" ORDER BY "base"."revenue" DESC NULLS LAST) AS "revenue_rank",
  -- formula customer_to_date (testdata/cases/36_window_helpers_totals/spec.yaml:18)
  CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set", "base"."customer" ORDER BY "base"."week" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DECIMAL(38, 2)) AS "customer_to_date"
FROM "base"
ORDER BY "base"."customer" NULLS LAST, "base"."week" NULLS LAST, "base"."_level" NULLS LAST, "base"."_level" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
-- $2 = time 2025-01-12T00:00:00Z
