-- report customers_by_name (testdata/cases/25_text_params_quotes/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  "c"."name" || $1 AS "label",
  COUNT("o"."id") AS "orders",
  CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
FROM "customers" AS "c"
LEFT JOIN "orders" AS "o" ON "o"."customer_id" = "c"."id"
WHERE ("c"."name" = $2 OR "c"."name" = $3)
GROUP BY "c"."name", "c"."name" || $1
ORDER BY "c"."name" NULLS LAST;
-- $1 = text "' -- \"x\" \\' /* y */ ;"
-- $2 = text "O'Brien & Sons"
-- $3 = text "back\\slash co"
