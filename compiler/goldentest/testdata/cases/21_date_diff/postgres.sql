-- report interview_lead_time (testdata/cases/21_date_diff/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  "u"."joined_on" AS "joined_on",
  "i"."held_on" AS "held_on",
  CAST((CAST("i"."held_on" AS DATE) - CAST("u"."joined_on" AS DATE)) AS BIGINT) AS "days",
  CAST(((EXTRACT(YEAR FROM "i"."held_on") - EXTRACT(YEAR FROM "u"."joined_on")) * 12 + EXTRACT(MONTH FROM "i"."held_on") - EXTRACT(MONTH FROM "u"."joined_on")) AS BIGINT) AS "months",
  CAST((EXTRACT(YEAR FROM "i"."held_on") - EXTRACT(YEAR FROM "u"."joined_on")) AS BIGINT) AS "years",
  CAST((CAST(DATE '2025-01-01' AS DATE) - CAST("i"."held_on" AS DATE)) AS BIGINT) AS "days_to_new_year",
  CAST(((EXTRACT(YEAR FROM "u"."joined_on") - EXTRACT(YEAR FROM "i"."held_on")) * 12 + EXTRACT(MONTH FROM "u"."joined_on") - EXTRACT(MONTH FROM "i"."held_on")) AS BIGINT) AS "months_back"
FROM "interviews" AS "i"
INNER JOIN "users" AS "u" ON "u"."id" = "i"."interviewer_id"
ORDER BY "interview" NULLS LAST;
