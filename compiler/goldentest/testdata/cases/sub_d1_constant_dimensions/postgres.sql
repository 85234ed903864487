-- report constant_dimensions (testdata/cases/sub_d1_constant_dimensions/spec.yaml:1)
SELECT
  CAST('all orders' AS TEXT) AS "scope",
  CAST(2 AS BIGINT) AS "version",
  "o"."status" AS "status",
  CAST(GROUPING(CAST('all orders' AS TEXT)) + GROUPING(CAST(2 AS BIGINT)) + GROUPING("o"."status") AS BIGINT) AS "_level",
  COUNT(*) AS "orders",
  CAST(SUM("o"."amount") AS NUMERIC(38, 2)) AS "revenue"
FROM "orders" AS "o"
GROUP BY GROUPING SETS ((CAST('all orders' AS TEXT), CAST(2 AS BIGINT), "o"."status"), ("o"."status"), ())
ORDER BY "o"."status" COLLATE "C" NULLS LAST, "_level" NULLS LAST, "_level" NULLS LAST;
