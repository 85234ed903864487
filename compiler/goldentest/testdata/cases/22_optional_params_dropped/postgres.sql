-- report orders_optional_filters (testdata/cases/22_optional_params_dropped/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
WHERE "o"."amount" >= $1
  AND "o"."status" = $2
GROUP BY "c"."name"
ORDER BY "c"."name" COLLATE "C" NULLS LAST;
-- $1 = float64 50
-- $2 = text "shipped"
