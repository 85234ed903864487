-- report teams_full_regions (testdata/cases/66_full_join_null_keys_totals/spec.yaml:1)
SELECT
  "u"."team" AS "team",
  "c"."region" AS "region",
  CAST(GROUPING("u"."team") + GROUPING("c"."region") AS BIGINT) AS "_level",
  COUNT(DISTINCT "u"."id") AS "people",
  COUNT(DISTINCT "c"."id") AS "customers",
  COUNT(DISTINCT "c"."id") FILTER (WHERE "c"."tier" = 'gold') AS "gold_customers",
  COUNT(DISTINCT "o"."id") AS "orders",
  MAX("o"."amount") AS "biggest",
  MIN("o"."ordered_on") AS "first_order"
FROM "users" AS "u"
FULL JOIN "customers" AS "c" ON "c"."region" = CASE "u"."team" WHEN 'search' THEN 'north' WHEN 'ads' THEN 'south' END AND "u"."joined_on" >= CAST($1 AS DATE)
LEFT JOIN "orders" AS "o" ON "o"."customer_id" = "c"."id" AND "o"."amount" < $2
GROUP BY GROUPING SETS (("u"."team", "c"."region"), ("u"."team"), ())
ORDER BY "u"."team" NULLS LAST, "c"."region" NULLS LAST, "_level" NULLS LAST, "_level" NULLS LAST;
-- $1 = time 2023-02-01T00:00:00Z
-- $2 = float64 1000
