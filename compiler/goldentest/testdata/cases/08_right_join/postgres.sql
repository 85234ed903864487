-- report interviews_per_interviewer (testdata/cases/08_right_join/spec.yaml:1)
SELECT
  "u"."name" AS "interviewer",
  "u"."team" AS "team",
  COUNT("i"."id") AS "interviews",
  CAST(SUM("i"."duration_min") AS BIGINT) AS "minutes",
  MAX("i"."duration_min") AS "longest"
FROM "interviews" AS "i"
RIGHT JOIN "users" AS "u" ON "u"."id" = "i"."interviewer_id"
GROUP BY "u"."name", "u"."team"
ORDER BY "u"."name" COLLATE "C" NULLS LAST;
