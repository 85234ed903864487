-- report quantity_avg (testdata/cases/54_integer_avg/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(AVG("o"."quantity") AS DOUBLE) AS "avg_qty",
  CAST(AVG(DISTINCT "o"."quantity") AS DOUBLE) AS "avg_distinct_qty"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "tier" NULLS LAST;
