-- report reading_quantiles (testdata/cases/13_median_percentile/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT("r"."value") AS "readings",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("r"."value" AS DOUBLE PRECISION)) AS "median_value",
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY CAST("r"."value" AS DOUBLE PRECISION)) AS "p90_value",
  PERCENTILE_CONT(0) WITHIN GROUP (ORDER BY CAST("r"."value" AS DOUBLE PRECISION)) AS "p0_value",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY CAST("r"."delta" AS DOUBLE PRECISION)) AS "median_delta",
  PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY CAST("r"."delta" AS DOUBLE PRECISION)) AS "p25_delta"
FROM "readings" AS "r"
GROUP BY "r"."sensor"
ORDER BY "r"."sensor" COLLATE "C" NULLS LAST;
