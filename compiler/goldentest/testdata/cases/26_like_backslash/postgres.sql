-- report customers_like (testdata/cases/26_like_backslash/spec.yaml:1)
SELECT
  "c"."name" AS "customer"
FROM "customers" AS "c"
WHERE ("c"."name" LIKE $1 ESCAPE '' OR "c"."name" LIKE '%\s%' ESCAPE '')
ORDER BY "c"."name" COLLATE "C" NULLS LAST;
-- $1 = text "back\\%"
