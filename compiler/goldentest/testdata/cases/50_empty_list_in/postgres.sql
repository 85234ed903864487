-- report empty_list_in (testdata/cases/50_empty_list_in/spec.yaml:1)
SELECT
  "c"."name" AS "customer",
  COUNT(*) AS "customers"
FROM "customers" AS "c"
GROUP BY "c"."name"
ORDER BY "c"."name" COLLATE "C" NULLS LAST;
