-- report revenue_of_customers_who_shipped (testdata/cases/sub_q2_exists_to_many/spec.yaml:1)
SELECT
  "c"."region" AS "region",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id" AND "s"."cost" >= $1)
  AND NOT EXISTS (SELECT 1 FROM "orders" AS "o2" WHERE "o2"."customer_id" = "o"."customer_id" AND "o2"."status" = 'refund')
GROUP BY "c"."region"
ORDER BY "c"."region" COLLATE "C" NULLS LAST;
-- $1 = float64 10
