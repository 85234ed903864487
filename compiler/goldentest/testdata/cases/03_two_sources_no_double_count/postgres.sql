-- report orders_and_shipments_weekly (testdata/cases/03_two_sources_no_double_count/spec.yaml)
WITH "orders" AS (
  -- source orders of report orders_and_shipments_weekly (testdata/cases/03_two_sources_no_double_count/spec.yaml:10)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE) AS "week",
    COUNT(*) AS "orders",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."ordered_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "o"."ordered_on") AS DATE)
),
"shipments" AS (
  -- source shipments of report orders_and_shipments_weekly (testdata/cases/03_two_sources_no_double_count/spec.yaml:21)
  SELECT
    "c"."name" AS "customer",
    CAST(DATE_TRUNC('week', "s"."shipped_on") AS DATE) AS "week",
    COUNT(*) AS "shipments",
    CAST(SUM("s"."packages") AS BIGINT) AS "packages",
    CAST(SUM("s"."cost") AS NUMERIC(38, 2)) AS "ship_cost"
  FROM "shipments" AS "s"
  INNER JOIN "customers" AS "c" ON "c"."id" = "s"."customer_id"
  WHERE "s"."shipped_on" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "s"."shipped_on") AS DATE)
),
"stacked" AS (
  SELECT
    "orders"."customer" AS "customer",
    "orders"."week" AS "week",
    "orders"."orders" AS "orders",
    "orders"."revenue" AS "revenue",
    CAST(NULL AS BIGINT) AS "shipments",
    CAST(NULL AS BIGINT) AS "packages",
    CAST(NULL AS NUMERIC(38, 2)) AS "ship_cost"
  FROM "orders"
  UNION ALL
  SELECT
    "shipments"."customer" AS "customer",
    "shipments"."week" AS "week",
    CAST(NULL AS BIGINT) AS "orders",
    CAST(NULL AS NUMERIC(38, 2)) AS "revenue",
    "shipments"."shipments" AS "shipments",
    "shipments"."packages" AS "packages",
    "shipments"."ship_cost" AS "ship_cost"
  FROM "shipments"
),
"joined" AS (
  SELECT
    "stacked"."customer" AS "customer",
    "stacked"."week" AS "week",
    COALESCE(MAX("stacked"."orders"), 0) AS "orders",
    MAX("stacked"."revenue") AS "revenue",
    COALESCE(MAX("stacked"."shipments"), 0) AS "shipments",
    MAX("stacked"."packages") AS "packages",
    MAX("stacked"."ship_cost") AS "ship_cost"
  FROM "stacked"
  GROUP BY "stacked"."customer", "stacked"."week"
)
SELECT
  "joined"."customer" AS "customer",
  "joined"."week" AS "week",
  "joined"."orders" AS "orders",
  "joined"."revenue" AS "revenue",
  "joined"."shipments" AS "shipments",
  "joined"."packages" AS "packages",
  "joined"."ship_cost" AS "ship_cost",
  -- formula cost_per_order (testdata/cases/03_two_sources_no_double_count/spec.yaml:34)
  CAST("joined"."ship_cost" AS DOUBLE PRECISION) / NULLIF(CAST("joined"."orders" AS DOUBLE PRECISION), 0) AS "cost_per_order"
FROM "joined"
ORDER BY "joined"."customer" COLLATE "C" NULLS LAST, "joined"."week" NULLS LAST;
-- $1 = time 2024-12-23T00:00:00Z
-- $2 = time 2025-02-02T00:00:00Z
