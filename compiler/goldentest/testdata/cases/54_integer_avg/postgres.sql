-- report quantity_avg (testdata/cases/54_integer_avg/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(SUM("o"."quantity") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT("o"."quantity") AS DOUBLE PRECISION), 0) AS "avg_qty",
  CAST(SUM(DISTINCT "o"."quantity") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT(DISTINCT "o"."quantity") AS DOUBLE PRECISION), 0) AS "avg_distinct_qty"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" COLLATE "C" NULLS LAST;
