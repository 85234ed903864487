-- report interviews_full_chain (testdata/cases/67_full_join_chain/spec.yaml:1)
SELECT
  "u"."name" AS "interviewer",
  "i"."candidate" AS "candidate",
  "r"."score" AS "score",
  "k"."name" AS "rater"
FROM "users" AS "u"
FULL JOIN "interviews" AS "i" ON "i"."interviewer_id" = "u"."id" AND "i"."role" = $1
FULL JOIN "ratings" AS "r" ON "r"."interview_id" = "i"."id" AND "r"."score" >= 5
LEFT JOIN "users" AS "k" ON "k"."id" = "r"."user_id"
ORDER BY "u"."name" COLLATE "C" NULLS LAST, "i"."candidate" COLLATE "C" NULLS LAST, "score" NULLS LAST, "k"."name" COLLATE "C" NULLS LAST;
-- $1 = text "backend"
