-- report order_amount_quantiles (testdata/cases/23_decimal_median/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(QUANTILE_CONT("o"."amount", 0.5) AS DOUBLE) AS "median_amount",
  CAST(QUANTILE_CONT("o"."amount", 0.75) AS DOUBLE) AS "p75_amount",
  CAST(QUANTILE_CONT("o"."amount", 0.1) AS DOUBLE) AS "p10_amount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "tier" NULLS LAST;
