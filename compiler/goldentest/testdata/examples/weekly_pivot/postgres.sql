-- report weekly_pivot (../../examples/emr/reports/weekly_pivot.yaml)
WITH "visits" AS (
  -- source visits of report weekly_pivot (../../examples/emr/reports/weekly_pivot.yaml:14)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "v"."day") AS DATE) AS "week",
    CAST(GROUPING("c"."name") + GROUPING(CAST(DATE_TRUNC('week', "v"."day") AS DATE)) AS BIGINT) AS "_level",
    CAST(GROUPING("c"."name", CAST(DATE_TRUNC('week', "v"."day") AS DATE)) AS BIGINT) AS "_set",
    COUNT(*) FILTER (WHERE "v"."status" = 'completed') AS "completed"
  FROM "visits" AS "v"
  INNER JOIN "clinics" AS "c" ON "c"."id" = "v"."clinic_id"
  WHERE "v"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY GROUPING SETS (("c"."name", CAST(DATE_TRUNC('week', "v"."day") AS DATE)), ("c"."name"), (CAST(DATE_TRUNC('week', "v"."day") AS DATE)), ())
),
"shifts" AS (
  -- source shifts of report weekly_pivot (../../examples/emr/reports/weekly_pivot.yaml:24)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "sh"."day") AS DATE) AS "week",
    CAST(GROUPING("c"."name") + GROUPING(CAST(DATE_TRUNC('week', "sh"."day") AS DATE)) AS BIGINT) AS "_level",
    CAST(GROUPING("c"."name", CAST(DATE_TRUNC('week', "sh"."day") AS DATE)) AS BIGINT) AS "_set",
    CAST(SUM("sh"."hours" * "st"."hourly_cost") AS NUMERIC(38, 4)) AS "staff_cost"
  FROM "shifts" AS "sh"
  INNER JOIN "clinics" AS "c" ON "c"."id" = "sh"."clinic_id"
  INNER JOIN "staff" AS "st" ON "st"."id" = "sh"."staff_id"
  WHERE "sh"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY GROUPING SETS (("c"."name", CAST(DATE_TRUNC('week', "sh"."day") AS DATE)), ("c"."name"), (CAST(DATE_TRUNC('week', "sh"."day") AS DATE)), ())
),
"stacked" AS (
  SELECT
    "visits"."clinic" AS "clinic",
    "visits"."week" AS "week",
    "visits"."_level" AS "_level",
    "visits"."_set" AS "_set",
    "visits"."completed" AS "completed",
    CAST(NULL AS NUMERIC(38, 4)) AS "staff_cost"
  FROM "visits"
  UNION ALL
  SELECT
    "shifts"."clinic" AS "clinic",
    "shifts"."week" AS "week",
    "shifts"."_level" AS "_level",
    "shifts"."_set" AS "_set",
    CAST(NULL AS BIGINT) AS "completed",
    "shifts"."staff_cost" AS "staff_cost"
  FROM "shifts"
),
"joined" AS (
  SELECT
    "stacked"."clinic" AS "clinic",
    "stacked"."week" AS "week",
    "stacked"."_level" AS "_level",
    "stacked"."_set" AS "_set",
    COALESCE(MAX("stacked"."completed"), 0) AS "completed",
    MAX("stacked"."staff_cost") AS "staff_cost"
  FROM "stacked"
  GROUP BY "stacked"."clinic", "stacked"."week", "stacked"."_level", "stacked"."_set"
)
SELECT
  "joined"."clinic" AS "clinic",
  "joined"."week" AS "week",
  "joined"."_level" AS "_level",
  "joined"."completed" AS "completed",
  "joined"."staff_cost" AS "staff_cost",
  -- formula cost_per_visit (../../examples/emr/reports/weekly_pivot.yaml:37)
  CAST("joined"."staff_cost" AS DOUBLE PRECISION) / NULLIF(CAST("joined"."completed" AS DOUBLE PRECISION), 0) AS "cost_per_visit"
FROM "joined"
ORDER BY "joined"."clinic" COLLATE "C" NULLS LAST, "joined"."week" NULLS LAST, "joined"."_level" NULLS LAST;
-- $1 = time 2025-11-24T00:00:00Z
-- $2 = time 2025-12-28T00:00:00Z
