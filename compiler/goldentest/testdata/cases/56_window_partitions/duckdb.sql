-- report revenue_within_region (testdata/cases/56_window_partitions/spec.yaml)
WITH "base" AS (
  -- report revenue_within_region (testdata/cases/56_window_partitions/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."name" AS "customer",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" <> 'cancelled'
  GROUP BY "c"."region", "c"."name"
),
"report" AS (
  SELECT
    "base"."region" AS "region",
    "base"."customer" AS "customer",
    "base"."orders" AS "orders",
    "base"."revenue" AS "revenue",
    -- formula region_share (testdata/cases/56_window_partitions/spec.yaml:14)
    CAST("base"."revenue" AS DOUBLE) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region") AS DECIMAL(38, 2)) AS DOUBLE), 0) AS "region_share",
    -- formula region_rank (testdata/cases/56_window_partitions/spec.yaml:15)
    RANK() OVER (PARTITION BY "base"."region" ORDER BY "base"."revenue" DESC NULLS LAST) AS "region_rank",
    -- formula lowest_first (testdata/cases/56_window_partitions/spec.yaml:16)
    RANK() OVER (ORDER BY "base"."revenue" NULLS LAST) AS "lowest_first",
    -- formula region_revenue (testdata/cases/56_window_partitions/spec.yaml:17)
    CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region") AS DECIMAL(38, 2)) AS "region_revenue",
    -- formula region_avg (testdata/cases/56_window_partitions/spec.yaml:18)
    CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region") AS DOUBLE) / NULLIF(CAST(COUNT("base"."revenue") OVER (PARTITION BY "base"."region") AS DOUBLE), 0) AS "region_avg",
    -- formula region_min (testdata/cases/56_window_partitions/spec.yaml:19)
    CAST(MIN("base"."revenue") OVER (PARTITION BY "base"."region") AS DECIMAL(38, 2)) AS "region_min",
    -- formula region_max_orders (testdata/cases/56_window_partitions/spec.yaml:20)
    CAST(MAX("base"."orders") OVER (PARTITION BY "base"."region") AS BIGINT) AS "region_max_orders",
    -- formula customers_in_region (testdata/cases/56_window_partitions/spec.yaml:21)
    CAST(COUNT(1) OVER (PARTITION BY "base"."region") AS BIGINT) AS "customers_in_region",
    -- formula all_orders (testdata/cases/56_window_partitions/spec.yaml:22)
    CAST(SUM("base"."orders") OVER () AS BIGINT) AS "all_orders",
    -- formula vs_region_avg (testdata/cases/56_window_partitions/spec.yaml:23)
    "base"."revenue" - CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."region") AS DOUBLE) / NULLIF(CAST(COUNT("base"."revenue") OVER (PARTITION BY "base"."region") AS DOUBLE), 0) AS "vs_region_avg"
  FROM "base"
)
SELECT
  "report"."region" AS "region",
  "report"."customer" AS "customer",
  "report"."orders" AS "orders",
  "report"."revenue" AS "revenue",
  "report"."region_share" AS "region_share",
  "report"."region_rank" AS "region_rank",
  "report"."lowest_first" AS "lowest_first",
  "report"."region_revenue" AS "region_revenue",
  "report"."region_avg" AS "region_avg",
  "report"."region_min" AS "region_min",
  "report"."region_max_orders" AS "region_max_orders",
  "report"."customers_in_region" AS "customers_in_region",
  "report"."all_orders" AS "all_orders",
  "report"."vs_region_avg" AS "vs_region_avg"
FROM "report"
ORDER BY "report"."region" NULLS LAST, "report"."region_rank" NULLS LAST, "report"."customer" NULLS LAST;
