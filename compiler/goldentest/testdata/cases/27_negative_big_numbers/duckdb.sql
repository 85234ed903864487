-- report big_and_negative (testdata/cases/27_negative_big_numbers/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT(*) AS "readings",
  CAST(SUM("r"."delta") AS BIGINT) AS "total_delta",
  MIN("r"."delta") AS "min_delta",
  MAX("r"."delta") AS "max_delta",
  MAX("r"."delta" + $1) AS "shifted",
  MIN(-"r"."value") AS "neg_value"
FROM "readings" AS "r"
WHERE "r"."delta" >= $2
  AND ("r"."value" > $3 OR "r"."value" IS NULL)
GROUP BY "r"."sensor"
ORDER BY "r"."sensor" NULLS LAST;
-- $1 = int64 -9000000000000000000
-- $2 = int64 -9000000000000000
-- $3 = float64 -3.25
