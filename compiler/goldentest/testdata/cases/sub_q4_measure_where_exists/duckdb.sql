-- report interviews_rated_well (testdata/cases/sub_q4_measure_where_exists/spec.yaml:1)
SELECT
  "u"."name" AS "interviewer",
  COUNT(*) AS "interviews",
  COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM "ratings" AS "r" WHERE "r"."interview_id" = "i"."id" AND "r"."score" >= 4)) AS "rated_well",
  CAST(SUM("i"."duration_min") FILTER (WHERE "i"."id" IN (SELECT "r"."interview_id" FROM "ratings" AS "r" INNER JOIN "users" AS "t" ON "t"."id" = "r"."user_id" WHERE "t"."team" = $1)) AS BIGINT) AS "rated_by_team"
FROM "interviews" AS "i"
INNER JOIN "users" AS "u" ON "u"."id" = "i"."interviewer_id"
GROUP BY "u"."name"
ORDER BY "u"."name" NULLS LAST;
-- $1 = text "search"
