-- report date_plus_interval (testdata/cases/51_date_plus_interval/spec.yaml:1)
SELECT
  "o"."id" AS "id",
  "o"."ordered_on" + INTERVAL '1 day' AS "next_day",
  "o"."ordered_on" + INTERVAL '36 hours' AS "later"
FROM "orders" AS "o"
WHERE "o"."id" <= 3
ORDER BY "id" NULLS LAST;
