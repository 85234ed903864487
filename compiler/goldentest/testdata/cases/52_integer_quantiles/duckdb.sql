-- report quantity_quantiles (testdata/cases/52_integer_quantiles/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(QUANTILE_CONT("o"."quantity", 0.5) AS DOUBLE) AS "median_qty",
  CAST(QUANTILE_CONT("o"."quantity", 0.3) AS DOUBLE) AS "p30_qty",
  CAST(QUANTILE_CONT("o"."quantity", 0.95) AS DOUBLE) AS "p95_qty"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "tier" NULLS LAST;
