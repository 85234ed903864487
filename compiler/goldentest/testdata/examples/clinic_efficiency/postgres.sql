-- report clinic_efficiency (../../examples/emr/reports/clinic_efficiency.yaml)
WITH "visits" AS (
  -- source visits of report clinic_efficiency (../../examples/emr/reports/clinic_efficiency.yaml:14)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "v"."day") AS DATE) AS "week",
    COUNT(*) FILTER (WHERE "v"."status" = 'completed') AS "completed",
    COUNT(*) FILTER (WHERE "v"."status" = 'no_show') AS "no_shows"
  FROM "visits" AS "v"
  INNER JOIN "clinics" AS "c" ON "c"."id" = "v"."clinic_id"
  WHERE "v"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  GROUP BY "c"."name", CAST(DATE_TRUNC('week', "v"."day") AS DATE)
),
"shifts" AS (
  -- source shifts of report clinic_efficiency (../../examples/emr/reports/clinic_efficiency.yaml:27)
  SELECT
    "c"."name" AS "clinic",
    CAST(DATE_TRUNC('week', "sh"."day") AS DATE) AS "week",
    CAST(SUM("sh"."hours") AS NUMERIC(38, 2)) AS "staff_hours",
    CAST(SUM("sh"."hours" * "st"."hourly_cost") AS NUMERIC(38, 4)) AS "staff_cost"
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
    "visits"."no_shows" AS "no_shows",
    CAST(NULL AS NUMERIC(38, 2)) AS "staff_hours",
    CAST(NULL AS NUMERIC(38, 4)) AS "staff_cost"
  FROM "visits"
  UNION ALL
  SELECT
    "shifts"."clinic" AS "clinic",
    "shifts"."week" AS "week",
    CAST(NULL AS BIGINT) AS "completed",
    CAST(NULL AS BIGINT) AS "no_shows",
    "shifts"."staff_hours" AS "staff_hours",
    "shifts"."staff_cost" AS "staff_cost"
  FROM "shifts"
),
"joined" AS (
  SELECT
    "stacked"."clinic" AS "clinic",
    "stacked"."week" AS "week",
    COALESCE(MAX("stacked"."completed"), 0) AS "completed",
    COALESCE(MAX("stacked"."no_shows"), 0) AS "no_shows",
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
    "joined"."no_shows" AS "no_shows",
    "joined"."staff_hours" AS "staff_hours",
    "joined"."staff_cost" AS "staff_cost",
    -- formula visits_per_hour (../../examples/emr/reports/clinic_efficiency.yaml:43)
    CAST("joined"."completed" AS DOUBLE PRECISION) / NULLIF(CAST("joined"."staff_hours" AS DOUBLE PRECISION), 0) AS "visits_per_hour",
    -- formula cost_per_visit (../../examples/emr/reports/clinic_efficiency.yaml:44)
    CAST("joined"."staff_cost" AS DOUBLE PRECISION) / NULLIF(CAST("joined"."completed" AS DOUBLE PRECISION), 0) AS "cost_per_visit",
    -- formula share_of_visits (../../examples/emr/reports/clinic_efficiency.yaml:45)
    CAST("joined"."completed" AS DOUBLE PRECISION) / NULLIF(CAST(CAST(SUM("joined"."completed") OVER () AS BIGINT) AS DOUBLE PRECISION), 0) AS "share_of_visits",
    -- formula wow_change (../../examples/emr/reports/clinic_efficiency.yaml:46)
    CAST("joined"."completed" - "prev_week"."completed" AS DOUBLE PRECISION) / NULLIF(CAST("prev_week"."completed" AS DOUBLE PRECISION), 0) AS "wow_change"
  FROM "joined"
  LEFT JOIN "joined" AS "prev_week" ON "prev_week"."week" = CAST("joined"."week" - INTERVAL '1 week' AS DATE) AND "prev_week"."clinic" IS NOT DISTINCT FROM "joined"."clinic"
)
SELECT
  "report"."clinic" AS "clinic",
  "report"."week" AS "week",
  "report"."completed" AS "completed",
  "report"."no_shows" AS "no_shows",
  "report"."staff_hours" AS "staff_hours",
  "report"."staff_cost" AS "staff_cost",
  "report"."visits_per_hour" AS "visits_per_hour",
  "report"."cost_per_visit" AS "cost_per_visit",
  "report"."share_of_visits" AS "share_of_visits",
  "report"."wow_change" AS "wow_change"
FROM "report"
WHERE "report"."completed" >= 10
ORDER BY "report"."clinic" COLLATE "C" NULLS LAST, "report"."week" NULLS LAST;
-- $1 = time 2025-10-06T00:00:00Z
-- $2 = time 2025-12-28T00:00:00Z
