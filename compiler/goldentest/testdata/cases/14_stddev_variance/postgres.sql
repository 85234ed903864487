-- report reading_spread (testdata/cases/14_stddev_variance/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT(*) AS "readings",
  CAST(STDDEV_SAMP("r"."value") AS DOUBLE PRECISION) AS "stddev_value",
  CAST(VAR_SAMP("r"."value") AS DOUBLE PRECISION) AS "variance_value",
  CAST(STDDEV_SAMP("r"."delta") AS DOUBLE PRECISION) AS "stddev_delta"
FROM "readings" AS "r"
GROUP BY "r"."sensor"
ORDER BY "r"."sensor" COLLATE "C" NULLS LAST;
