-- report weekly_offsets (testdata/cases/59_period_offsets/spec.yaml)
WITH "base" AS (
  -- report weekly_offsets (testdata/cases/59_period_offsets/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "c"."id" IN (1, 2)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."customer" AS "customer",
  "base"."week" AS "week",
  "base"."orders" AS "orders",
  "base"."revenue" AS "revenue",
  -- formula two_weeks_back (testdata/cases/59_period_offsets/spec.yaml:15)
  "prev2_week"."orders" AS "two_weeks_back",
  -- formula change_vs_two (testdata/cases/59_period_offsets/spec.yaml:16)
  "base"."revenue" - "prev2_week"."revenue" AS "change_vs_two",
  -- formula pct_vs_three (testdata/cases/59_period_offsets/spec.yaml:17)
  CAST("base"."revenue" - "prev3_week"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST("prev3_week"."revenue" AS DOUBLE PRECISION), 0) AS "pct_vs_three",
  -- formula next_week (testdata/cases/59_period_offsets/spec.yaml:18)
  "next_week"."orders" AS "next_week",
  -- formula in_two_weeks (testdata/cases/59_period_offsets/spec.yaml:19)
  "next2_week"."revenue" AS "in_two_weeks",
  -- formula last_week (testdata/cases/59_period_offsets/spec.yaml:20)
  "prev_week"."orders" AS "last_week",
  -- formula change_rank (testdata/cases/59_period_offsets/spec.yaml:21)
  RANK() OVER (PARTITION BY "base"."customer" ORDER BY "base"."revenue" - "prev2_week"."revenue" DESC NULLS LAST) AS "change_rank"
FROM "base"
LEFT JOIN "base" AS "prev2_week" ON "prev2_week"."week" = CAST("base"."week" - INTERVAL '2 weeks' AS DATE) AND "prev2_week"."customer" IS NOT DISTINCT FROM "base"."customer"
LEFT JOIN "base" AS "prev3_week" ON "prev3_week"."week" = CAST("base"."week" - INTERVAL '3 weeks' AS DATE) AND "prev3_week"."customer" IS NOT DISTINCT FROM "base"."customer"
LEFT JOIN "base" AS "next_week" ON "next_week"."week" = CAST("base"."week" - INTERVAL '-1 weeks' AS DATE) AND "next_week"."customer" IS NOT DISTINCT FROM "base"."customer"
LEFT JOIN "base" AS "next2_week" ON "next2_week"."week" = CAST("base"."week" - INTERVAL '-2 weeks' AS DATE) AND "next2_week"."customer" IS NOT DISTINCT FROM "base"."customer"
LEFT JOIN "base" AS "prev_week" ON "prev_week"."week" = CAST("base"."week" - INTERVAL '1 week' AS DATE) AND "prev_week"."customer" IS NOT DISTINCT FROM "base"."customer"
ORDER BY "base"."customer" COLLATE "C" NULLS LAST, "base"."week" NULLS LAST;
