-- report order_amount_spread (testdata/cases/15_decimal_spread/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT("o"."amount") AS DOUBLE PRECISION), 0) AS "avg_amount",
  CAST(STDDEV_SAMP("o"."amount") AS DOUBLE PRECISION) AS "stddev_amount",
  CAST(VAR_SAMP("o"."amount") AS DOUBLE PRECISION) AS "variance_amount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" COLLATE "C" NULLS LAST;
