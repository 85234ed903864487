-- report units_by_region_total_last (testdata/cases/46_totals_null_dimension_order/spec.yaml:1)
SELECT
  "c"."region" AS "region",
  CAST(GROUPING("c"."region") AS BIGINT) AS "_level",
  COUNT(*) AS "orders",
  CAST(SUM("o"."quantity") AS BIGINT) AS "units"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY GROUPING SETS (("c"."region"), ())
ORDER BY "c"."region" COLLATE "C" NULLS LAST, "_level" NULLS LAST;
