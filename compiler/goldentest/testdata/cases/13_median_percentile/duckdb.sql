-- report reading_quantiles (testdata/cases/13_median_percentile/spec.yaml:1)
SELECT
  "r"."sensor" AS "sensor",
  COUNT("r"."value") AS "readings",
  CAST(QUANTILE_CONT("r"."value", 0.5) AS DOUBLE) AS "median_value",
  CAST(QUANTILE_CONT("r"."value", 0.9) AS DOUBLE) AS "p90_value",
  CAST(QUANTILE_CONT("r"."value", 0) AS DOUBLE) AS "p0_value",
  CAST(QUANTILE_CONT("r"."delta", 0.5) AS DOUBLE) AS "median_delta",
  CAST(QUANTILE_CONT("r"."delta", 0.25) AS DOUBLE) AS "p25_delta"
FROM "readings" AS "r"
GROUP BY "r"."sensor"
ORDER BY "sensor" NULLS LAST;
