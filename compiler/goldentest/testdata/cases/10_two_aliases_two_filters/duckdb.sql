-- report ratings_by_active_search_raters (testdata/cases/10_two_aliases_two_filters/spec.yaml:1)
SELECT
  "iv"."name" AS "interviewer",
  "iv"."team" AS "interviewer_team",
  COUNT(*) AS "ratings",
  CAST(SUM("r"."score") AS DOUBLE) / NULLIF(CAST(COUNT("r"."score") AS DOUBLE), 0) AS "avg_score",
  COUNT(DISTINCT "rater"."id") AS "raters"
FROM "ratings" AS "r"
INNER JOIN "interviews" AS "i" ON "i"."id" = "r"."interview_id"
INNER JOIN "users" AS "rater" ON "rater"."id" = "r"."user_id"
INNER JOIN "users" AS "iv" ON "iv"."id" = "i"."interviewer_id"
WHERE "rater"."team" = $1
  AND "rater"."active" = TRUE
GROUP BY "iv"."name", "iv"."team"
ORDER BY "iv"."name" NULLS LAST;
-- $1 = text "search"
