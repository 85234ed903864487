-- report revenue_by_region_and_tier (testdata/cases/33_totals_grand/spec.yaml:1)
SELECT
  "c"."region" AS "region",
  "c"."tier" AS "tier",
  CAST(GROUPING("c"."region") + GROUPING("c"."tier") AS BIGINT) AS "_level",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue",
  CAST(SUM("o"."amount") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT("o"."amount") AS DOUBLE PRECISION), 0) AS "avg_amount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY GROUPING SETS (("c"."region", "c"."tier"), ())
ORDER BY "c"."region" COLLATE "C" NULLS LAST, "c"."tier" COLLATE "C" NULLS LAST, "_level" NULLS LAST;
