-- report backend_interviewers (testdata/cases/09_full_join_listing/spec.yaml:1)
SELECT
  "u"."name" AS "interviewer",
  "i"."candidate" AS "candidate",
  "i"."role" AS "role"
FROM "users" AS "u"
FULL JOIN "interviews" AS "i" ON "i"."interviewer_id" = "u"."id" AND "i"."role" = 'backend'
ORDER BY "u"."name" NULLS LAST, "i"."candidate" NULLS LAST;
