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
    QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.5) AS "median_amount",
    QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.9) FILTER (WHERE "o"."status" = 'shipped') AS "p90_shipped",
    QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 0.5) FILTER (WHERE "o"."quantity" > 4) AS "median_big_qty",
    QUANTILE_CONT(CAST("o"."quantity" * 2 + "o"."amount" AS DOUBLE), 0.33) AS "p33_mixed",
    QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 0) AS "p0_qty",
    QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 1) AS "p100_qty",
    COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id")) AS "shipping_customers",
    QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.5) FILTER (WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id")) AS "median_shipping"
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
ORDER BY "report"."region" NULLS LAST, "report"."tier" NULLS LAST, "report"."_level" NULLS LAST, "report"."_level" NULLS LAST;
