-- report user_rating_per_interview (testdata/cases/02_user_rating_left_join/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  "i"."candidate" AS "candidate",
  "mine"."score" AS "my_score",
  "mine"."note" AS "my_note"
FROM "interviews" AS "i"
LEFT JOIN "ratings" AS "mine" ON "mine"."interview_id" = "i"."id" AND "mine"."user_id" = $1
ORDER BY "my_score" NULLS LAST, "interview" NULLS LAST;
-- $1 = int64 1
