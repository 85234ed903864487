-- report interviews_longer_than_their_role (testdata/cases/sub_q3_scalar_correlated/spec.yaml:1)
SELECT
  "i"."id" AS "interview",
  "i"."role" AS "role",
  "i"."duration_min" AS "minutes"
FROM "interviews" AS "i"
WHERE "i"."duration_min" > (SELECT CAST(SUM("i2"."duration_min") AS DOUBLE) / NULLIF(CAST(COUNT("i2"."duration_min") AS DOUBLE), 0) FROM "interviews" AS "i2" WHERE "i2"."role" = "i"."role")
  AND (SELECT COUNT(*) FROM "ratings" AS "r" WHERE "r"."interview_id" = "i"."id") >= 2
ORDER BY "interview" NULLS LAST;
