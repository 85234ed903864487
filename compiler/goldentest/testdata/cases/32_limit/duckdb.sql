-- report top_customers (testdata/cases/32_limit/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."name"
ORDER BY "revenue" DESC NULLS LAST
LIMIT 3;
