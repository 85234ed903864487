-- report regions_having_subquery (testdata/cases/sub_q5_having_subquery/spec.yaml)
WITH "base" AS (
  -- report regions_having_subquery (testdata/cases/sub_q5_having_subquery/spec.yaml:1)
  SELECT
    "c"."tier" AS "customer_tier",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY "c"."tier"
),
"report" AS (
  SELECT
    "base"."customer_tier" AS "customer_tier",
    "base"."orders" AS "orders",
    "base"."revenue" AS "revenue"
  FROM "base"
)
SELECT
  "report"."customer_tier" AS "customer_tier",
  "report"."orders" AS "orders",
  "report"."revenue" AS "revenue"
FROM "report"
WHERE EXISTS (SELECT 1 FROM "customers" AS "k" WHERE "k"."tier" = "report"."customer_tier" AND "k"."region" IS NULL)
  AND "report"."orders" > CAST((SELECT COUNT(*) FROM "shipments" AS "s") AS DOUBLE PRECISION) / NULLIF(CAST(4 AS DOUBLE PRECISION), 0)
ORDER BY "report"."customer_tier" COLLATE "C" NULLS LAST;
