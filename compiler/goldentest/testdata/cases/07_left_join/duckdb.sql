-- report customers_shipped_orders (testdata/cases/07_left_join/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  "c"."region" AS "region",
  COUNT("o"."id") AS "orders",
  CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
  MAX("o"."ordered_on") AS "last_order"
FROM "customers" AS "c"
LEFT JOIN "orders" AS "o" ON "o"."customer_id" = "c"."id" AND "o"."status" = 'shipped'
GROUP BY "c"."name", "c"."region"
ORDER BY "c"."name" NULLS LAST;
