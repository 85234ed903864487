-- report interview_lead_time (testdata/cases/21_date_diff/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  "u"."joined_on" AS "joined_on",
  "i"."held_on" AS "held_on",
  CAST(DATE_DIFF('day', "u"."joined_on", "i"."held_on") AS BIGINT) AS "days",
  CAST(DATE_DIFF('month', "u"."joined_on", "i"."held_on") AS BIGINT) AS "months",
  CAST(DATE_DIFF('year', "u"."joined_on", "i"."held_on") AS BIGINT) AS "years",
  CAST(DATE_DIFF('day', "i"."held_on", DATE '2025-01-01') AS BIGINT) AS "days_to_new_year",
  CAST(DATE_DIFF('month', "i"."held_on", "u"."joined_on") AS BIGINT) AS "months_back"
FROM "interviews" AS "i"
INNER JOIN "users" AS "u" ON "u"."id" = "i"."interviewer_id"
ORDER BY "interview" NULLS LAST;
