-- report quantity_quantiles (testdata/cases/52_integer_quantiles/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) AS "median_qty",
  PERCENTILE_CONT(0.3) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) AS "p30_qty",
  PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY CAST("o"."quantity" AS DOUBLE PRECISION)) AS "p95_qty"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" COLLATE "C" NULLS LAST;
