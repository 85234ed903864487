-- report keyword_names (testdata/cases/53_keyword_names/spec.yaml:1)
SELECT
  "g"."order" AS "order",
  "g"."Display Name" AS "name",
  COUNT(*) AS "rows",
  CAST(SUM("g"."select") AS DECIMAL(38, 1)) AS "total"
FROM "group" AS "g"
GROUP BY "g"."order", "g"."Display Name"
ORDER BY "order" NULLS LAST, "g"."Display Name" NULLS LAST;
