-- report reading_date_parts (testdata/cases/19_date_part_timestamp/spec.yaml:1)
SELECT
  "r"."id" AS "id",
  CAST(EXTRACT(YEAR FROM "r"."taken_at") AS BIGINT) AS "year",
  CAST(EXTRACT(QUARTER FROM "r"."taken_at") AS BIGINT) AS "quarter",
  CAST(EXTRACT(MONTH FROM "r"."taken_at") AS BIGINT) AS "month",
  CAST(EXTRACT(WEEK FROM "r"."taken_at") AS BIGINT) AS "week",
  CAST(EXTRACT(DAY FROM "r"."taken_at") AS BIGINT) AS "day",
  CAST(EXTRACT(DOW FROM "r"."taken_at") AS BIGINT) AS "dow",
  CAST(EXTRACT(ISODOW FROM "r"."taken_at") AS BIGINT) AS "isodow",
  CAST(EXTRACT(DOY FROM "r"."taken_at") AS BIGINT) AS "doy",
  CAST(EXTRACT(HOUR FROM "r"."taken_at") AS BIGINT) AS "hour",
  CAST(EXTRACT(MINUTE FROM "r"."taken_at") AS BIGINT) AS "minute",
  CAST(DATE_DIFF('day', "r"."taken_at", TIMESTAMP '2025-03-01 00:00:00') AS BIGINT) AS "days_to_march"
FROM "readings" AS "r"
ORDER BY "id" NULLS LAST;
