-- report order_amount_quantiles (testdata/cases/23_decimal_median/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.5) AS "median_amount",
  QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.75) AS "p75_amount",
  QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.1) AS "p10_amount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" NULLS LAST;
