-- report running_sum_within_region (testdata/cases/63_running_sum_partition/spec.yaml)
WITH "base" AS (
  -- report running_sum_within_region (testdata/cases/63_running_sum_partition/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
  GROUP BY "c"."region", "c"."name", CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)
)
SELECT
  "base"."region" AS "region",
  "base"."customer" AS "customer",
  "base"."month" AS "month",
  "base"."revenue" AS "revenue",
  -- formula region_to_date (testdata/cases/63_running_sum_partition/spec.yaml:14)
  CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region" ORDER BY "base"."month" NULLS LAST) AS DECIMAL(38, 2)) AS "region_to_date",
  -- formula customer_to_date (testdata/cases/63_running_sum_partition/spec.yaml:15)
  CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region", "base"."customer" ORDER BY "base"."month" NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS DECIMAL(38, 2)) AS "customer_to_date",
  -- formula region_month (testdata/cases/63_running_sum_partition/spec.yaml:16)
  CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region", "base"."month") AS DECIMAL(38, 2)) AS "region_month",
  -- formula months_in_region (testdata/cases/63_running_sum_partition/spec.yaml:17)
  CAST(COUNT(1) OVER (PARTITION BY "base"."region") AS BIGINT) AS "months_in_region",
  -- formula best_month (testdata/cases/63_running_sum_partition/spec.yaml:18)
  CAST(MAX("base"."revenue") OVER (PARTITION BY "base"."customer") AS DECIMAL(38, 2)) AS "best_month"
FROM "base"
ORDER BY "base"."region" NULLS LAST, "base"."month" NULLS LAST, "base"."customer" NULLS LAST;
