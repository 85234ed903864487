-- report empty_list_not_in (testdata/cases/49_empty_list_not_in/spec.yaml:1)
SELECT
  "c"."name" AS "customer"
FROM "customers" AS "c"
ORDER BY "c"."name" NULLS LAST;
