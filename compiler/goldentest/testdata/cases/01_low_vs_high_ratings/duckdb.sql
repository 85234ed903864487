-- report low_vs_high_ratings (testdata/cases/01_low_vs_high_ratings/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  "i"."candidate" AS "candidate",
  "mine"."score" AS "my_score",
  COUNT(DISTINCT "other"."user_id") AS "high_raters",
  MAX("other"."score") AS "best_other"
FROM "ratings" AS "mine"
INNER JOIN "interviews" AS "i" ON "i"."id" = "mine"."interview_id"
INNER JOIN "ratings" AS "other" ON "other"."interview_id" = "mine"."interview_id"
WHERE "mine"."user_id" = $1
  AND "mine"."score" <= $2
  AND "other"."user_id" <> $1
  AND "other"."score" >= $3
GROUP BY "i"."id", "i"."candidate", "mine"."score"
ORDER BY "interview" NULLS LAST;
-- $1 = int64 1
-- $2 = int64 2
-- $3 = int64 4
