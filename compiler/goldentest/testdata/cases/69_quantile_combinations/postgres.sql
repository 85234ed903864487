-- report quantile_combinations (testdata/cases/69_quantile_combinations/spec.yaml)
WITH "base" AS (
  -- report quantile_combinations (testdata/cases/69_quantile_combinations/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."tier" AS "tier",
    CAST(GROUPING("c"."region") + GROUPING("c"."tier") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region", "c"."tier") AS BIGINT) AS "_set",
    COUNT(*) AS "orders",
    COUNT(*) FILTER (WHERE "o"."status" = 'shipped') AS "shipped",
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) AS "median_amount",
    PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) FILTER (WHERE "o"."status" = 'shipped') AS "p90_shipped",
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) FILTER (WHERE "o"."quantity" > 4) AS "median_big_qty",
    PERCENTILE_CONT(0.33) WITHIN GROUP (ORDER BY CAST("o"."quantity" * 2 + "o"."amount" AS DOUBLE PRECISION)) AS "p33_mixed",
    PERCENTILE_CONT(0) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) AS "p0_qty",
    PERCENTILE_CONT(1) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) AS "p100_qty",
    COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id")) AS "shipping_customers",
    PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) FILTER (WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id")) AS "median_shipping"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY GROUPING SETS (("c"."region", "c"."tier"), ("c"."region"), ())
),
"report" AS (
  SELECT
    "base"."region" AS "region",
    "base"."tier" AS "tier",
    "base"."_level" AS "_level",
    "base"."orders" AS "orders",
    "base"."shipped" AS "shipped",
    "base"."median_amount" AS "median_amount",
    "base"."p90_shipped" AS "p90_shipped",
    "base"."median_big_qty" AS "median_big_qty",
    "base"."p33_mixed" AS "p33_mixed",
    "base"."p0_qty" AS "p0_qty",
    "base"."p100_qty" AS "p100_qty",
    "base"."shipping_customers" AS "shipping_customers",
    "base"."median_shipping" AS "median_shipping",
    -- formula spread (testdata/cases/69_quantile_combinations/spec.yaml:36)
    "base"."p90_shipped" - "base"."median_amount" AS "spread"
  FROM "base"
)
SELECT
  "report"."region" AS "region",
  "report"."tier" AS "tier",
  "report"."_level" AS "_level",
  "report"."orders" AS "orders",
  "report"."shipped" AS "shipped",
  "report"."median_amount" AS "median_amount",
  "report"."p90_shipped" AS "p90_shipped",
  "report"."median_big_qty" AS "median_big_qty",
  "report"."p33_mixed" AS "p33_mixed",
  "report"."p0_qty" AS "p0_qty",
  "report"."p100_qty" AS "p100_qty",
  "report"."shipping_customers" AS "shipping_customers",
  "report"."median_shipping" AS "median_shipping",
  "report"."spread" AS "spread"
FROM "report"
WHERE "report"."orders" >= 1
ORDER BY "report"."region" COLLATE "C" NULLS LAST, "report"."tier" COLLATE "C" NULLS LAST, "report"."_level" NULLS LAST, "report"."_level" NULLS LAST;
