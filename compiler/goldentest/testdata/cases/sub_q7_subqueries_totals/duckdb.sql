-- report subqueries_with_totals (testdata/cases/sub_q7_subqueries_totals/spec.yaml)
WITH "base" AS (
  -- report subqueries_with_totals (testdata/cases/sub_q7_subqueries_totals/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."tier" AS "customer_tier",
    CAST(GROUPING("c"."region") + GROUPING("c"."tier") AS BIGINT) AS "_level",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue",
    COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "shipments" AS "s" WHERE "s"."customer_id" = "o"."customer_id" AND "s"."shipped_on" >= "o"."ordered_on")) AS "shipped",
    CAST(SUM("o"."amount") FILTER (WHERE "o"."customer_id" IN (SELECT "k"."id" FROM "customers" AS "k" WHERE "k"."tier" = "c"."tier" AND "k"."region" IS NOT NULL)) AS DECIMAL(38, 2)) AS "big"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."amount" >= CAST((SELECT CAST(SUM("o2"."amount") AS DOUBLE) / NULLIF(CAST(COUNT("o2"."amount") AS DOUBLE), 0) FROM "orders" AS "o2" WHERE "o2"."customer_id" = "o"."customer_id") AS DOUBLE) / NULLIF(CAST(2 AS DOUBLE), 0)
  GROUP BY GROUPING SETS (("c"."region", "c"."tier"), ("c"."region"), ())
),
"report" AS (
  SELECT
    "base"."region" AS "region",
    "base"."customer_tier" AS "customer_tier",
    "base"."_level" AS "_level",
    "base"."orders" AS "orders",
    "base"."revenue" AS "revenue",
    "base"."shipped" AS "shipped",
    "base"."big" AS "big"
  FROM "base"
)
SELECT
  "report"."region" AS "region",
  "report"."customer_tier" AS "customer_tier",
  "report"."_level" AS "_level",
  "report"."orders" AS "orders",
  "report"."revenue" AS "revenue",
  "report"."shipped" AS "shipped",
  "report"."big" AS "big"
FROM "report"
WHERE (EXISTS (SELECT 1 FROM "customers" AS "k" WHERE "k"."tier" = "report"."customer_tier" AND "k"."region" IS NULL) OR "report"."customer_tier" IS NULL)
ORDER BY "report"."region" NULLS LAST, "report"."customer_tier" NULLS LAST, "report"."_level" NULLS LAST, "report"."_level" NULLS LAST;
