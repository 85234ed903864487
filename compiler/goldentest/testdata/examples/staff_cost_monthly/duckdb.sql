-- report staff_cost_monthly (../../examples/emr/reports/staff_cost_monthly.yaml:1)
SELECT
  "c"."name" AS "clinic",
  "st"."role" AS "role",
  CAST(DATE_TRUNC('month', "sh"."day") AS DATE) AS "month",
  COUNT(*) AS "shifts",
  COUNT(DISTINCT "st"."id") AS "staff",
  CAST(SUM("sh"."hours") AS DECIMAL(38, 2)) AS "hours",
  CAST(SUM("sh"."hours" * "st"."hourly_cost") AS DECIMAL(38, 4)) AS "cost",
  CAST(CAST(SUM("sh"."hours" * "st"."hourly_cost") AS DECIMAL(38, 4)) AS DOUBLE) / NULLIF(CAST(CAST(SUM("sh"."hours") AS DECIMAL(38, 2)) AS DOUBLE), 0) AS "cost_per_hour",
  MAX("sh"."hours") AS "longest_shift"
FROM "shifts" AS "sh"
INNER JOIN "staff" AS "st" ON "st"."id" = "sh"."staff_id"
INNER JOIN "clinics" AS "c" ON "c"."id" = "sh"."clinic_id"
WHERE "sh"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  AND "sh"."hours" >= $3
GROUP BY "c"."name", "st"."role", CAST(DATE_TRUNC('month', "sh"."day") AS DATE)
ORDER BY "c"."name" NULLS LAST, "st"."role" NULLS LAST, "month" NULLS LAST
LIMIT 1000;
-- $1 = time 2025-07-01T00:00:00Z
-- $2 = time 2025-12-31T00:00:00Z
-- $3 = float64 0
