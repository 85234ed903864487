-- report service_mix (../../examples/emr/reports/service_mix.yaml:1)
SELECT
  CAST(DATE_TRUNC('month', "v"."day") AS DATE) AS "month",
  "s"."category" AS "category",
  COUNT(*) AS "visits",
  CAST(SUM("v"."charge") AS NUMERIC(38, 2)) AS "revenue",
  CAST(SUM("v"."charge") AS DOUBLE PRECISION) / NULLIF(CAST(COUNT("v"."charge") AS DOUBLE PRECISION), 0) AS "avg_charge",
  COUNT(DISTINCT "v"."service_id") AS "services_used"
FROM "visits" AS "v"
LEFT JOIN "services" AS "s" ON "s"."id" = "v"."service_id"
WHERE "v"."day" BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  AND "v"."status" = 'completed'
GROUP BY CAST(DATE_TRUNC('month', "v"."day") AS DATE), "s"."category"
ORDER BY "month" NULLS LAST, "revenue" DESC NULLS LAST;
-- $1 = time 2025-01-01T00:00:00Z
-- $2 = time 2025-12-31T00:00:00Z
