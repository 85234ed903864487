-- report weekly_median_rank (testdata/cases/70_quantile_window_helpers/spec.yaml)
WITH "base" AS (
  -- report weekly_median_rank (testdata/cases/70_quantile_window_helpers/spec.yaml:1)
  SELECT
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    COUNT(*) AS "orders",
    QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.5) AS "median_amount"
  FROM "orders" AS "o"
  WHERE "o"."ordered_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."week" AS "week",
  "base"."orders" AS "orders",
  "base"."median_amount" AS "median_amount",
  -- formula median_rank (testdata/cases/70_quantile_window_helpers/spec.yaml:18)
  RANK() OVER (ORDER BY "base"."median_amount" DESC NULLS LAST) AS "median_rank",
  -- formula median_total (testdata/cases/70_quantile_window_helpers/spec.yaml:19)
  CAST(SUM("base"."median_amount") OVER () AS DOUBLE) AS "median_total",
  -- formula median_to_date (testdata/cases/70_quantile_window_helpers/spec.yaml:20)
  CAST(SUM("base"."median_amount") OVER (ORDER BY "base"."week" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DOUBLE) AS "median_to_date"
FROM "base"
ORDER BY "base"."week" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
-- $2 = time 2025-01-26T00:00:00Z
