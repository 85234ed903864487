-- report rank_of_shares (testdata/cases/65_windows_over_windows/spec.yaml)
WITH "base" AS (
  -- report rank_of_shares (testdata/cases/65_windows_over_windows/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."name" AS "customer",
    CAST(GROUPING("c"."region") + GROUPING("c"."name") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region", "c"."name") AS BIGINT) AS "_set",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
  GROUP BY GROUPING SETS (("c"."region", "c"."name"), ("c"."region"), ())
),
"layer-1" AS (
  -- window formulas computed before the windows that use them (layer 1)
  SELECT
    "base"."region" AS "region",
    "base"."customer" AS "customer",
    "base"."_level" AS "_level",
    "base"."revenue" AS "revenue",
    "base"."_set" AS "_set",
    CAST("base"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set", "base"."region") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "share_in_region"
  FROM "base"
),
"layer-2" AS (
  -- window formulas computed before the windows that use them (layer 2)
  SELECT
    "layer-1"."region" AS "region",
    "layer-1"."customer" AS "customer",
    "layer-1"."_level" AS "_level",
    "layer-1"."revenue" AS "revenue",
    "layer-1"."_set" AS "_set",
    "layer-1"."share_in_region" AS "share_in_region",
    CAST(MAX("layer-1"."share_in_region") OVER (PARTITION BY "layer-1"."_set", "layer-1"."region") AS DOUBLE PRECISION) - CAST("layer-1"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("layer-1"."revenue") OVER (PARTITION BY "layer-1"."_set", "layer-1"."region") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "gap_to_best"
  FROM "layer-1"
),
"report" AS (
  SELECT
    "layer-2"."region" AS "region",
    "layer-2"."customer" AS "customer",
    "layer-2"."_level" AS "_level",
    "layer-2"."revenue" AS "revenue",
    -- formula share_in_region (testdata/cases/65_windows_over_windows/spec.yaml:13)
    CAST("layer-2"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("layer-2"."revenue") OVER (PARTITION BY "layer-2"."_set", "layer-2"."region") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "share_in_region",
    -- formula share_rank (testdata/cases/65_windows_over_windows/spec.yaml:14)
    RANK() OVER (PARTITION BY "layer-2"."_set" ORDER BY "layer-2"."share_in_region" DESC NULLS LAST) AS "share_rank",
    -- formula best_share_in_region (testdata/cases/65_windows_over_windows/spec.yaml:15)
    CAST(MAX("layer-2"."share_in_region") OVER (PARTITION BY "layer-2"."_set", "layer-2"."region") AS DOUBLE PRECISION) AS "best_share_in_region",
    -- formula gap_to_best (testdata/cases/65_windows_over_windows/spec.yaml:16)
    CAST(MAX("layer-2"."share_in_region") OVER (PARTITION BY "layer-2"."_set", "layer-2"."region") AS DOUBLE PRECISION) - CAST("layer-2"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("layer-2"."revenue") OVER (PARTITION BY "layer-2"."_set", "layer-2"."region") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "gap_to_best",
    -- formula gap_rank (testdata/cases/65_windows_over_windows/spec.yaml:17)
    RANK() OVER (PARTITION BY "layer-2"."_set" ORDER BY "layer-2"."gap_to_best" NULLS LAST) AS "gap_rank"
  FROM "layer-2"
)
SELECT
  "report"."region" AS "region",
  "report"."customer" AS "customer",
  "report"."_level" AS "_level",
  "report"."revenue" AS "revenue",
  "report"."share_in_region" AS "share_in_region",
  "report"."share_rank" AS "share_rank",
  "report"."best_share_in_region" AS "best_share_in_region",
  "report"."gap_to_best" AS "gap_to_best",
  "report"."gap_rank" AS "gap_rank"
FROM "report"
ORDER BY "report"."region" COLLATE "C" NULLS LAST, "report"."customer" COLLATE "C" NULLS LAST, "report"."_level" NULLS LAST;
