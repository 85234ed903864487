-- report customers_in_subquery (testdata/cases/sub_q1_in_subquery/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  "c"."tier" AS "tier"
FROM "customers" AS "c"
WHERE "c"."id" IN (SELECT "o"."customer_id" FROM "orders" AS "o" WHERE "o"."status" <> 'cancelled' GROUP BY "o"."customer_id" HAVING CAST(SUM("o"."amount") AS NUMERIC(38, 2)) > $1)
  AND "c"."id" NOT IN (SELECT "s"."customer_id" FROM "shipments" AS "s" INNER JOIN "customers" AS "c2" ON "c2"."id" = "s"."customer_id" WHERE "c2"."tier" = 'bronze')
ORDER BY "c"."name" COLLATE "C" NULLS LAST;
-- $1 = float64 1000
