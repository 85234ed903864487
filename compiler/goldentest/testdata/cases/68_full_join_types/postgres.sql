-- report full_join_types (testdata/cases/68_full_join_types/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  "r"."taken_at" AS "taken_at",
  "r"."value" AS "value",
  "r"."delta" AS "delta",
  "k"."site" AS "site",
  "k"."seen_at" AS "seen_at",
  "u"."active" AS "active",
  "u"."joined_on" AS "joined_on"
FROM "readings" AS "r"
FULL JOIN "checkins" AS "k" ON "k"."id" = "r"."id" AND "k"."minutes" > 10
FULL JOIN "users" AS "u" ON "u"."id" = "k"."id" AND "u"."active"
ORDER BY "taken_at" NULLS LAST, "seen_at" NULLS LAST, "joined_on" NULLS LAST;
