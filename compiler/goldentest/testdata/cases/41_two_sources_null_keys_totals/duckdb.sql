-- report region_orders_and_shipping (testdata/cases/41_two_sources_null_keys_totals/spec.yaml)
WITH "orders" AS (
  -- source orders of report region_orders_and_shipping (testdata/cases/41_two_sources_null_keys_totals/spec.yaml:7)
  SELECT
    "c"."region" AS "region",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_set",
    COUNT(*) AS "orders",
    CAST(SUM("o"."quantity") AS BIGINT) AS "units"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" <> 'cancelled'
  GROUP BY GROUPING SETS (("c"."region"), ())
),
"shipments" AS (
  -- source shipments of report region_orders_and_shipping (testdata/cases/41_two_sources_null_keys_totals/spec.yaml:17)
  SELECT
    "c"."region" AS "region",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_set",
    COUNT(*) AS "shipments",
    CAST(SUM("s"."cost") AS DECIMAL(38, 2)) AS "ship_cost"
  FROM "shipments" AS "s"
  INNER JOIN "customers" AS "c" ON "c"."id" = "s"."customer_id"
  GROUP BY GROUPING SETS (("c"."region"), ())
),
"stacked" AS (
  SELECT
    "orders"."region" AS "region",
    "orders"."_level" AS "_level",
    "orders"."_set" AS "_set",
    "orders"."orders" AS "orders",
    "orders"."units" AS "units",
    CAST(NULL AS BIGINT) AS "shipments",
    CAST(NULL AS DECIMAL(38, 2)) AS "ship_cost"
  FROM "orders"
  UNION ALL
  SELECT
    "shipments"."region" AS "region",
    "shipments"."_level" AS "_level",
    "shipments"."_set" AS "_set",
    CAST(NULL AS BIGINT) AS "orders",
    CAST(NULL AS BIGINT) AS "units",
    "shipments"."shipments" AS "shipments",
    "shipments"."ship_cost" AS "ship_cost"
  FROM "shipments"
),
"joined" AS (
  SELECT
    "stacked"."region" AS "region",
    "stacked"."_level" AS "_level",
    "stacked"."_set" AS "_set",
    COALESCE(MAX("stacked"."orders"), 0) AS "orders",
    MAX("stacked"."units") AS "units",
    COALESCE(MAX("stacked"."shipments"), 0) AS "shipments",
    MAX("stacked"."ship_cost") AS "ship_cost"
  FROM "stacked"
  GROUP BY "stacked"."region", "stacked"."_level", "stacked"."_set"
)
SELECT
  "joined"."region" AS "region",
  "joined"."_level" AS "_level",
  "joined"."orders" AS "orders",
  "joined"."units" AS "units",
  "joined"."shipments" AS "shipments",
  "joined"."ship_cost" AS "ship_cost",
  -- formula cost_per_unit (testdata/cases/41_two_sources_null_keys_totals/spec.yaml:27)
  CAST("joined"."ship_cost" AS DOUBLE) / NULLIF(CAST("joined"."units" AS DOUBLE), 0) AS "cost_per_unit",
  -- formula shipments_per_order (testdata/cases/41_two_sources_null_keys_totals/spec.yaml:28)
  CAST("joined"."shipments" AS DOUBLE) / NULLIF(CAST("joined"."orders" AS DOUBLE), 0) AS "shipments_per_order"
FROM "joined"
ORDER BY "joined"."region" NULLS LAST, "joined"."_level" NULLS LAST, "joined"."_level" NULLS LAST;
