-- report top_week_per_customer (testdata/cases/57_having_top_per_partition/spec.yaml)
WITH "base" AS (
  -- report top_week_per_customer (testdata/cases/57_having_top_per_partition/spec.yaml:1)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."ordered_on" >= CAST($1 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
),
"report" AS (
  SELECT
    "base"."customer" AS "customer",
    "base"."week" AS "week",
    "base"."revenue" AS "revenue",
    -- formula week_rank (testdata/cases/57_having_top_per_partition/spec.yaml:15)
    RANK() OVER (PARTITION BY "base"."customer" ORDER BY "base"."revenue" DESC NULLS LAST) AS "week_rank",
    -- formula customer_weeks (testdata/cases/57_having_top_per_partition/spec.yaml:16)
    CAST(COUNT(1) OVER (PARTITION BY "base"."customer") AS BIGINT) AS "customer_weeks"
  FROM "base"
)
SELECT
  "report"."customer" AS "customer",
  "report"."week" AS "week",
  "report"."revenue" AS "revenue",
  "report"."week_rank" AS "week_rank",
  "report"."customer_weeks" AS "customer_weeks"
FROM "report"
WHERE "report"."week_rank" <= 1
  AND "report"."customer_weeks" >= 2
ORDER BY "report"."customer" NULLS LAST, "report"."week" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
