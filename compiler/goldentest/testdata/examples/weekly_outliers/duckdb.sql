-- report weekly_outliers (../../examples/emr/reports/weekly_outliers.yaml)
WITH "visits" AS (
  -- source visits of report weekly_outliers (../../examples/emr/reports/weekly_outliers.yaml:15)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "v"."day") AS DATE) AS "week",
    COUNT(*) FILTER (WHERE "v"."status" = 'completed') AS "completed"
  FROM "visits" AS "v"
  INNER JOIN "clinics" AS "c" ON "c"."id" = "v"."clinic_id"
  WHERE "v"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "v"."day") AS DATE)
),
"shifts" AS (
  -- source shifts of report weekly_outliers (../../examples/emr/reports/weekly_outliers.yaml:25)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "sh"."day") AS DATE) AS "week",
    CAST(SUM("sh"."hours") AS DECIMAL(38, 2)) AS "staff_hours",
    CAST(SUM("sh"."hours" * "st"."hourly_cost") AS DECIMAL(38, 4)) AS "staff_cost"
  FROM "shifts" AS "sh"
  INNER JOIN "clinics" AS "c" ON "c"."id" = "sh"."clinic_id"
  INNER JOIN "staff" AS "st" ON "st"."id" = "sh"."staff_id"
  WHERE "sh"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "sh"."day") AS DATE)
),
"stacked" AS (
  SELECT
    "visits"."clinic" AS "clinic",
    "visits"."week" AS "week",
    "visits"."completed" AS "completed",
    CAST(NULL AS DECIMAL(38, 2)) AS "staff_hours",
    CAST(NULL AS DECIMAL(38, 4)) AS "staff_cost"
  FROM "visits"
  UNION ALL
  SELECT
    "shifts"."clinic" AS "clinic",
    "shifts"."week" AS "week",
    CAST(NULL AS BIGINT) AS "completed",
    "shifts"."staff_hours" AS "staff_hours",
    "shifts"."staff_cost" AS "staff_cost"
  FROM "shifts"
),
"joined" AS (
  SELECT
    "stacked"."clinic" AS "clinic",
    "stacked"."week" AS "week",
    COALESCE(MAX("stacked"."completed"), 0) AS "completed",
    MAX("stacked"."staff_hours") AS "staff_hours",
    MAX("stacked"."staff_cost") AS "staff_cost"
  FROM "stacked"
  GROUP BY "stacked"."clinic", "stacked"."week"
),
"report" AS (
  SELECT
    "joined"."clinic" AS "clinic",
    "joined"."week" AS "week",
    "joined"."completed" AS "completed",
    "joined"."staff_hours" AS "staff_hours",
    "joined"."staff_cost" AS "staff_cost",
    -- formula visits_per_hour (../../examples/emr/reports/weekly_outliers.yaml:39)
    CAST("joined"."completed" AS DOUBLE) / NULLIF(CAST("joined"."staff_hours" AS DOUBLE), 0) AS "visits_per_hour",
    -- formula cost_per_visit (../../examples/emr/reports/weekly_outliers.yaml:40)
    CAST("joined"."staff_cost" AS DOUBLE) / NULLIF(CAST("joined"."completed" AS DOUBLE), 0) AS "cost_per_visit"
  FROM "joined"
)
SELECT
  "report"."clinic" AS "clinic",
  "report"."week" AS "week",
  "report"."completed" AS "completed",
  "report"."staff_hours" AS "staff_hours",
  "report"."staff_cost" AS "staff_cost",
  "report"."visits_per_hour" AS "visits_per_hour",
  "report"."cost_per_visit" AS "cost_per_visit"
FROM "report"
WHERE "report"."completed" > 0
ORDER BY "report"."week" NULLS LAST, "report"."clinic" NULLS LAST;
-- $1 = time 2024-01-01T00:00:00Z
-- $2 = time 2025-12-28T00:00:00Z
