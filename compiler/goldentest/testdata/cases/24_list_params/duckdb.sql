-- report orders_for_listed_customers (testdata/cases/24_list_params/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  "c"."tier" AS "tier",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
WHERE "c"."tier" IN ($1, $2)
  AND "c"."name" IN ($3, $4, $5, $6)
  AND "o"."id" NOT IN ($7, $8, $9)
GROUP BY "c"."name", "c"."tier"
ORDER BY "c"."name" NULLS LAST;
-- $1 = text "gold"
-- $2 = text "silver"
-- $3 = text "O'Brien & Sons"
-- $4 = text "back\\slash co"
-- $5 = text "Say \"hi\" Ltd"
-- $6 = text "Zed"
-- $7 = int64 1
-- $8 = int64 2
-- $9 = int64 13
