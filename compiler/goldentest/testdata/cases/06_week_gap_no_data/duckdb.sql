-- report weekly_orders_change (testdata/cases/06_week_gap_no_data/spec.yaml)
WITH "base" AS (
  -- report weekly_orders_change (testdata/cases/06_week_gap_no_data/spec.yaml:1)
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
  -- formula prev_orders (testdata/cases/06_week_gap_no_data/spec.yaml:15)
  "prev_week"."orders" AS "prev_orders",
  -- formula orders_pct (testdata/cases/06_week_gap_no_data/spec.yaml:16)
  CAST("base"."orders" - "prev_week"."orders" AS DOUBLE) / NULLIF(CAST("prev_week"."orders" AS DOUBLE), 0) AS "orders_pct",
  -- formula revenue_change (testdata/cases/06_week_gap_no_data/spec.yaml:17)
  "base"."revenue" - "prev_week"."revenue" AS "revenue_change"
FROM "base"
LEFT JOIN "base" AS "prev_week" ON "prev_week"."week" = CAST("base"."week" - INTERVAL '1 week' AS DATE)
ORDER BY "base"."week" NULLS LAST;
-- $1 = time 2025-01-20T00:00:00Z
-- $2 = time 2025-02-16T00:00:00Z
