-- report user_names (testdata/cases/45_text_functions_bool_param/spec.yaml:1)
SELECT
  "u"."id" AS "id",
  UPPER("u"."name") AS "upper_name",
  LOWER(CAST(COALESCE("u"."team", 'NONE') AS TEXT)) AS "lower_team",
  CAST(LENGTH("u"."name") AS BIGINT) AS "name_length",
  SUBSTR("u"."name", 1, 2) AS "initials",
  SUBSTR("u"."name", 3) AS "tail",
  TRIM('  ' || "u"."name" || '  ') AS "padded",
  CONCAT("u"."name", '@', "u"."team") AS "tag",
  "u"."name" || '/' || "u"."team" AS "piped",
  "u"."name" ILIKE 'e%' ESCAPE '' AS "is_e",
  "u"."team" = 'search' AS "searched"
FROM "users" AS "u"
WHERE "u"."active" = $1
  AND "u"."name" NOT LIKE '%x%' ESCAPE ''
ORDER BY "id" NULLS LAST;
-- $1 = bool true
