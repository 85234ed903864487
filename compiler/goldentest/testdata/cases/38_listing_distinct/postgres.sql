-- report regions_and_tiers (testdata/cases/38_listing_distinct/spec.yaml)
WITH "base" AS (
  -- report regions_and_tiers (testdata/cases/38_listing_distinct/spec.yaml:1)
  SELECT DISTINCT
    "c"."region" AS "region",
    "c"."tier" AS "tier"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
)
SELECT
  "base"."region" AS "region",
  "base"."tier" AS "tier"
FROM "base"
ORDER BY "base"."region" COLLATE "C" DESC NULLS LAST, "base"."tier" COLLATE "C" NULLS LAST;
