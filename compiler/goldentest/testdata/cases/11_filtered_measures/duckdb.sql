-- report order_status_mix (testdata/cases/11_filtered_measures/spec.yaml:1)
SELECT
  "c"."tier" AS "tier",
  COUNT(*) AS "all_orders",
  COUNT(*) FILTER (WHERE "o"."status" = 'shipped') AS "shipped",
  COUNT(*) FILTER (WHERE "o"."status" <> 'shipped') AS "not_shipped",
  CAST(SUM("o"."amount") FILTER (WHERE "o"."status" = 'shipped') AS DECIMAL(38, 2)) AS "shipped_revenue",
  CAST(SUM("o"."amount") FILTER (WHERE "o"."status" = 'shipped' AND "o"."amount" >= 100) AS DECIMAL(38, 2)) AS "big_shipped",
  CAST(SUM("o"."discount") FILTER (WHERE "o"."discount" > 0) AS DOUBLE) / NULLIF(CAST(COUNT("o"."discount") FILTER (WHERE "o"."discount" > 0) AS DOUBLE), 0) AS "avg_discount",
  MIN("o"."amount") FILTER (WHERE "o"."amount" < 0) AS "refunds"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."tier"
ORDER BY "c"."tier" NULLS LAST;
