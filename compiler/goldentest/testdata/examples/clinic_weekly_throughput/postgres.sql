-- report clinic_weekly_throughput (../../examples/emr/reports/clinic_weekly_throughput.yaml:1)
SELECT
  "c"."name" AS "clinic",
  CAST(DATE_TRUNC('week', "v"."day") AS DATE) AS "week",
  COUNT(*) AS "visits",
  COUNT(*) FILTER (WHERE "v"."status" = 'completed') AS "completed",
  COUNT(*) FILTER (WHERE "v"."status" = 'no_show') AS "no_shows",
  COUNT(DISTINCT "v"."patient_id") AS "patients",
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST("v"."wait_minutes" AS DOUBLE PRECISION)) FILTER (WHERE "v"."status" = 'completed') AS "p90_wait"
FROM "visits" AS "v"
INNER JOIN "clinics" AS "c" ON "c"."id" = "v"."clinic_id"
WHERE "v"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
GROUP BY "c"."name", CAST(DATE_TRUNC('week', "v"."day") AS DATE)
ORDER BY "c"."name" COLLATE "C" NULLS LAST, "week" NULLS LAST;
-- $1 = time 2025-10-06T00:00:00Z
-- $2 = time 2025-12-28T00:00:00Z
