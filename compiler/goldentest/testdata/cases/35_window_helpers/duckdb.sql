-- report weekly_share_and_rank (testdata/cases/35_window_helpers/spec.yaml)
WITH "base" AS (
  -- report weekly_share_and_rank (testdata/cases/35_window_helpers/spec.yaml:1)
  SELECT
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  WHERE "o"."ordered_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."week" AS "week",
  "base"."orders" AS "orders",
  "base"."revenue" AS "revenue",
  -- formula share_of_revenue (testdata/cases/35_window_helpers/spec.yaml:14)
  CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER () AS DECIMAL(38, 2)) AS DOUBLE), 0) AS "share_of_revenue",
  -- formula revenue_rank (testdata/cases/35_window_helpers/spec.yaml:15)
  RANK() OVER (ORDER BY "base"."revenue" DESC NULLS LAST) AS "revenue_rank",
  -- formula orders_rank (testdata/cases/35_window_helpers/spec.yaml:16)
  RANK() OVER (ORDER BY "base"."orders" DESC NULLS LAST) AS "orders_rank",
  -- formula all_revenue (testdata/cases/35_window_helpers/spec.yaml:17)
  CAST(SUM("base"."revenue") OVER () AS DECIMAL(38, 2)) AS "all_revenue",
  -- formula revenue_to_date (testdata/cases/35_window_helpers/spec.yaml:18)
  CAST(SUM("base"."revenue") OVER (ORDER BY "base"."week" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DECIMAL(38, 2)) AS "revenue_to_date",
  -- formula orders_to_date (testdata/cases/35_window_helpers/spec.yaml:19)
  CAST(SUM("base"."orders") OVER (ORDER BY "base"."week" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) AS "orders_to_date"
FROM "base"
ORDER BY "base"."week" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
-- $2 = time 2025-01-26T00:00:00Z
