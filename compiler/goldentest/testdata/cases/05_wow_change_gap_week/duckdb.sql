-- report weekly_revenue_change (testdata/cases/05_wow_change_gap_week/spec.yaml)
WITH "base" AS (
  -- report weekly_revenue_change (testdata/cases/05_wow_change_gap_week/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."ordered_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."customer" AS "customer",
  "base"."week" AS "week",
  "base"."orders" AS "orders",
  "base"."revenue" AS "revenue",
  -- formula prev_revenue (testdata/cases/05_wow_change_gap_week/spec.yaml:21)
  "prev_week"."revenue" AS "prev_revenue",
  -- formula wow_change (testdata/cases/05_wow_change_gap_week/spec.yaml:22)
  "base"."revenue" - "prev_week"."revenue" AS "wow_change",
  -- formula wow_pct (testdata/cases/05_wow_change_gap_week/spec.yaml:23)
  CAST("base"."revenue" - "prev_week"."revenue" AS DOUBLE) / NULLIF(CAST("prev_week"."revenue" AS DOUBLE), 0) AS "wow_pct"
FROM "base"
LEFT JOIN "base" AS "prev_week" ON "prev_week"."week" = CAST("base"."week" - INTERVAL '1 week' AS DATE) AND "prev_week"."customer" IS NOT DISTINCT FROM "base"."customer"
ORDER BY "base"."customer" NULLS LAST, "base"."week" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
-- $2 = time 2025-02-16T00:00:00Z
