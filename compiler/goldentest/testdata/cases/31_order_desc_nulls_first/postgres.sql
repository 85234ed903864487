-- report revenue_by_region (testdata/cases/31_order_desc_nulls_first/spec.yaml:1)
SELECT
  "c"."region" AS "region",
  "c"."tier" AS "tier",
  CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue",
  CAST(SUM("o"."discount") AS NUMERIC(38, 2)) AS "discount"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY "c"."region", "c"."tier"
ORDER BY "c"."region" COLLATE "C" DESC NULLS FIRST, "discount" DESC NULLS LAST, "c"."tier" COLLATE "C" NULLS LAST;
