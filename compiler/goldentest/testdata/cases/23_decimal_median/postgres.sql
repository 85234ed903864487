-- report order_amount_quantiles (testdata/cases/23_decimal_median/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) AS "median_amount",
  PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) AS "p75_amount",
  PERCENTILE_CONT(0.1) WITHIN GROUP (ORDER BY CAST("o"."amount" AS DOUBLE PRECISION)) AS "p10_amount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" COLLATE "C" NULLS LAST;
