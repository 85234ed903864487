-- report tier_share_within_region_totals (testdata/cases/58_window_partitions_totals/spec.yaml)
WITH "base" AS (
  -- report tier_share_within_region_totals (testdata/cases/58_window_partitions_totals/spec.yaml:1)
  SELECT
    "c"."region" AS "region",
    "c"."tier" AS "tier",
    CAST(GROUPING("c"."region") + GROUPING("c"."tier") AS BIGINT) AS "_level",
    CAST(GROUPING("c"."region", "c"."tier") AS BIGINT) AS "_set",
    CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
  FROM "orders" AS "o"
  INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
  WHERE "o"."status" = 'shipped'
  GROUP BY GROUPING SETS (("c"."region", "c"."tier"), ("c"."region"), ())
)
SELECT
  "base"."region" AS "region",
  "base"."tier" AS "tier",
  "base"."_level" AS "_level",
  "base"."revenue" AS "revenue",
  -- formula share_in_region (testdata/cases/58_window_partitions_totals/spec.yaml:13)
  CAST("base"."revenue" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set", "base"."region") AS NUMERIC(38, 2)) AS DOUBLE PRECISION), 0) AS "share_in_region",
  -- formula rank_in_region (testdata/cases/58_window_partitions_totals/spec.yaml:14)
  RANK() OVER (PARTITION BY "base"."_set", "base"."region" ORDER BY "base"."revenue" DESC NULLS LAST) AS "rank_in_region",
  -- formula region_avg (testdata/cases/58_window_partitions_totals/spec.yaml:15)
  CAST(SUM("base"."revenue") OVER (PARTITION BY "base"."_set", "base"."region") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT("base"."revenue") OVER (PARTITION BY "base"."_set", "base"."region") AS DOUBLE PRECISION), 0) AS "region_avg"
FROM "base"
ORDER BY "base"."region" COLLATE "C" NULLS LAST, "base"."tier" COLLATE "C" NULLS LAST, "base"."_level" NULLS LAST;
