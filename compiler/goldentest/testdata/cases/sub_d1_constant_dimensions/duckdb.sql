-- report constant_dimensions (testdata/cases/sub_d1_constant_dimensions/spec.yaml:1)
SELECT
  CAST('all orders' AS VARCHAR) AS "scope",
  CAST(2 AS BIGINT) AS "version",
  "o"."status" AS "status",
  CAST(GROUPING(CAST('all orders' AS VARCHAR)) + GROUPING(CAST(2 AS BIGINT)) + GROUPING("o"."status") AS BIGINT) AS "_level",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS DECIMAL(38, 2)) AS "revenue"
FROM "orders" AS "o"
GROUP BY GROUPING SETS ((CAST('all orders' AS VARCHAR), CAST(2 AS BIGINT), "o"."status"), ("o"."status"), ())
ORDER BY "o"."status" NULLS LAST, "_level" NULLS LAST, "_level" NULLS LAST;
