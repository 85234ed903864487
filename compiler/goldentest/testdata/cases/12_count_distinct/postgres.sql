-- report monthly_distinct_counts (testdata/cases/12_count_distinct/spec.yaml:1)
SELECT
  CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE) AS "month",
  COUNT(*) AS "orders",
  COUNT(DISTINCT "o"."customer_id") AS "customers",
  COUNT(DISTINCT "o"."status") AS "statuses",
  COUNT("o"."discount") AS "discounted",
  CAST(SUM(DISTINCT "o"."quantity") AS BIGINT) AS "distinct_quantities"
FROM "orders" AS "o"
GROUP BY CAST(DATE_TRUNC('month', "o"."ordered_on") AS DATE)
ORDER BY "month" NULLS LAST;
