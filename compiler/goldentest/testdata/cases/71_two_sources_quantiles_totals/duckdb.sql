-- report region_quantiles_two_sources (testdata/cases/71_two_sources_quantiles_totals/spec.yaml)
WITH "orders" AS (
  -- source orders of report region_quantiles_two_sources (testdata/cases/71_two_sources_quantiles_totals/spec.yaml:8)
  SELECT
    "c"."region" AS "region",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_set",
    COUNT(*) AS "orders",
    QUANTILE_CONT(CAST("o"."amount" AS DOUBLE), 0.5) AS "median_amount"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" <> 'cancelled'
  GROUP BY GROUPING SETS (("c"."region"), ())
),
"shipments" AS (
  -- source shipments of report region_quantiles_two_sources (testdata/cases/71_two_sources_quantiles_totals/spec.yaml:18)
  SELECT
    "c"."region" AS "region",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region") AS BIGINT) AS "_set",
    COUNT(*) AS "shipments",
    QUANTILE_CONT(CAST("s"."cost" AS DOUBLE), 0.75) AS "p75_cost"
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
    "orders"."median_amount" AS "median_amount",
    CAST(NULL AS BIGINT) AS "shipments",
    CAST(NULL AS DOUBLE) AS "p75_cost"
  FROM "orders"
  UNION ALL
  SELECT
    "shipments"."region" AS "region",
    "shipments"."_level" AS "_level",
    "shipments"."_set" AS "_set",
    CAST(NULL AS BIGINT) AS "orders",
    CAST(NULL AS DOUBLE) AS "median_amount",
    "shipments"."shipments" AS "shipments",
    "shipments"."p75_cost" AS "p75_cost"
  FROM "shipments"
),
"joined" AS (
  SELECT
    "stacked"."region" AS "region",
    "stacked"."_level" AS "_level",
    "stacked"."_set" AS "_set",
    COALESCE(MAX("stacked"."orders"), 0) AS "orders",
    MAX("stacked"."median_amount") AS "median_amount",
    COALESCE(MAX("stacked"."shipments"), 0) AS "shipments",
    MAX("stacked"."p75_cost") AS "p75_cost"
  FROM "stacked"
  GROUP BY "stacked"."region", "stacked"."_level", "stacked"."_set"
)
SELECT
  "joined"."region" AS "region",
  "joined"."_level" AS "_level",
  "joined"."orders" AS "orders",
  "joined"."median_amount" AS "median_amount",
  "joined"."shipments" AS "shipments",
  "joined"."p75_cost" AS "p75_cost",
  -- formula cost_over_amount (testdata/cases/71_two_sources_quantiles_totals/spec.yaml:28)
  CAST("joined"."p75_cost" AS DOUBLE) / NULLIF(CAST("joined"."median_amount" AS DOUBLE), 0) AS "cost_over_amount"
FROM "joined"
ORDER BY "joined"."region" NULLS LAST, "joined"."_level" NULLS LAST, "joined"."_level" NULLS LAST;
