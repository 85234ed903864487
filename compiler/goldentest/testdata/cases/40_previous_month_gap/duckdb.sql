-- report monthly_revenue_change (testdata/cases/40_previous_month_gap/spec.yaml)
WITH "base" AS (
  -- report monthly_revenue_change (testdata/cases/40_previous_month_gap/spec.yaml:1)
  SELECT
    CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
    CAST(SUM("o"."amount") AS DOUBLE) / NULLIF(CAST(COUNT("o"."amount") AS DOUBLE), 0) AS "avg_amount"
  FROM "orders" AS "o"
  GROUP BY CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."month" AS "month",
  "base"."orders" AS "orders",
  "base"."revenue" AS "revenue",
  "base"."avg_amount" AS "avg_amount",
  -- formula prev_revenue (testdata/cases/40_previous_month_gap/spec.yaml:11)
  "prev_month"."revenue" AS "prev_revenue",
  -- formula revenue_change (testdata/cases/40_previous_month_gap/spec.yaml:12)
  "base"."revenue" - "prev_month"."revenue" AS "revenue_change",
  -- formula orders_change (testdata/cases/40_previous_month_gap/spec.yaml:13)
  "base"."orders" - "prev_month"."orders" AS "orders_change",
  -- formula avg_change (testdata/cases/40_previous_month_gap/spec.yaml:14)
  "base"."avg_amount" - "prev_month"."avg_amount" AS "avg_change",
  -- formula revenue_pct (testdata/cases/40_previous_month_gap/spec.yaml:15)
  CAST("base"."revenue" - "prev_month"."revenue" AS DOUBLE) / NULLIF(CAST("prev_month"."revenue" AS DOUBLE), 0) AS "revenue_pct"
FROM "base"
LEFT JOIN "base" AS "prev_month" ON "prev_month"."month" = CAST("base"."month" - INTERVAL '1 month' AS DATE)
ORDER BY "base"."month" DESC NULLS LAST;
