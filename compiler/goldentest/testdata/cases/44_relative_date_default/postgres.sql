-- report orders_last_quarter (testdata/cases/44_relative_date_default/spec.yaml:1)
SELECT
  CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
  COUNT(*) AS "orders",
  COUNT(*) FILTER (WHERE "o"."ordered_on" >= CAST($1 AS DATE)) AS "recent"
FROM "orders" AS "o"
WHERE "o"."ordered_on" BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)
GROUP BY CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)
ORDER BY "month" NULLS LAST;
-- $1 = time 2024-11-01T00:00:00Z
-- $2 = time 2024-10-01T00:00:00Z
-- $3 = time 2024-12-31T00:00:00Z
