-- report reading_quantiles (testdata/cases/13_median_percentile/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT("r"."value") AS "readings",
  QUANTILE_CONT(CAST("r"."value" AS DOUBLE), 0.5) AS "median_value",
  QUANTILE_CONT(CAST("r"."value" AS DOUBLE), 0.9) AS "p90_value",
  QUANTILE_CONT(CAST("r"."value" AS DOUBLE), 0) AS "p0_value",
  QUANTILE_CONT(CAST("r"."delta" AS DOUBLE), 0.5) AS "median_delta",
  QUANTILE_CONT(CAST("r"."delta" AS DOUBLE), 0.25) AS "p25_delta"
FROM "readings" AS "r"
GROUP BY "r"."sensor"
ORDER BY "r"."sensor" NULLS LAST;
