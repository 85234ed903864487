-- report customers_like (testdata/cases/26_like_backslash/spec.yaml:1)
SELECT
  "c"."name" AS "customer"
FROM "customers" AS "c"
WHERE ("c"."name" LIKE $1 OR "c"."name" LIKE '%\s%')
ORDER BY "c"."name" NULLS LAST;
-- $1 = text "back\\%"
