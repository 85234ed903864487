-- report ratings_by_team_join_on_subquery (testdata/cases/sub_q6_join_on_subquery/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  COUNT("r"."score") AS "team_ratings",
  MAX("r"."score") AS "best"
FROM "interviews" AS "i"
LEFT JOIN "ratings" AS "r" ON "r"."interview_id" = "i"."id" AND "r"."user_id" IN (SELECT "u"."id" FROM "users" AS "u" WHERE "u"."team" = $1)
GROUP BY "i"."id"
ORDER BY "interview" NULLS LAST;
-- $1 = text "search"
