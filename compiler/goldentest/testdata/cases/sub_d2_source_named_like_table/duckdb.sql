-- report source_named_like_table (testdata/cases/sub_d2_source_named_like_table/spec.yaml)
WITH "customers_source" AS (
  -- source customers of report source_named_like_table (testdata/cases/sub_d2_source_named_like_table/spec.yaml:4)
  SELECT
    "c"."region" AS "region",
    COUNT(*) AS "orders"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  GROUP BY "c"."region"
),
"shipments" AS (
  -- source shipments of report source_named_like_table (testdata/cases/sub_d2_source_named_like_table/spec.yaml:12)
  SELECT
    "c"."region" AS "region",
    CAST(SUM("s"."packages") AS BIGINT) AS "packages"
  FROM "shipments" AS "s"
  INNER JOIN "customers" AS "c" ON "c"."id" = "s"."customer_id"
  WHERE "s"."customer_id" IN (SELECT "o"."customer_id" FROM "orders" AS "o" WHERE "o"."status" = 'shipped')
  GROUP BY "c"."region"
),
"stacked" AS (
  SELECT
    "customers_source"."region" AS "region",
    "customers_source"."orders" AS "orders",
    CAST(NULL AS BIGINT) AS "packages"
  FROM "customers_source"
  UNION ALL
  SELECT
    "shipments"."region" AS "region",
    CAST(NULL AS BIGINT) AS "orders",
    "shipments"."packages" AS "packages"
  FROM "shipments"
),
"joined" AS (
  SELECT
    "stacked"."region" AS "region",
    COALESCE(MAX("stacked"."orders"), 0) AS "orders",
    MAX("stacked"."packages") AS "packages"
  FROM "stacked"
  GROUP BY "stacked"."region"
)
SELECT
  "joined"."region" AS "region",
  "joined"."orders" AS "orders",
  "joined"."packages" AS "packages"
FROM "joined"
ORDER BY "joined"."region" NULLS LAST;
