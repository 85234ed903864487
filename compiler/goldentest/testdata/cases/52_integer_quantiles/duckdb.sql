-- report quantity_quantiles (testdata/cases/52_integer_quantiles/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 0.5) AS "median_qty",
  QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 0.3) AS "p30_qty",
  QUANTILE_CONT(CAST("o"."quantity" AS DOUBLE), 0.95) AS "p95_qty"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" NULLS LAST;
