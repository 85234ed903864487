-- report order_sizes (testdata/cases/39_case_coalesce_cast/spec.yaml:1)
SELECT
  CASE WHEN "o"."amount" >= 500 THEN 'large' WHEN "o"."amount" >= 50 THEN 'medium' WHEN "o"."amount" >= 0 THEN 'small' ELSE 'refund' END AS "size",
  CAST(COALESCE("c"."region", 'unknown') AS TEXT) AS "region",
  COUNT(*) AS "orders",
  MAX(CAST("o"."quantity" AS TEXT)) AS "qty_text",
  CAST(SUM(CAST("o"."amount" AS INTEGER)) AS BIGINT) AS "amount_int",
  CAST(SUM(CAST("o"."amount" AS NUMERIC(10, 1))) AS NUMERIC(38, 1)) AS "amount_2",
  CAST(SUM(CAST(COALESCE("o"."discount", 0) AS NUMERIC(22, 2))) AS NUMERIC(38, 2)) AS "discount_or_zero",
  COUNT(CAST(NULLIF("o"."discount", 0) AS NUMERIC(22, 2))) AS "nonzero_discounts",
  CAST(SUM(CAST(LEAST("o"."amount", 100) AS NUMERIC(22, 2))) AS NUMERIC(38, 2)) AS "capped",
  MIN(CAST(GREATEST("o"."amount", 0) AS NUMERIC(22, 2))) AS "floor_0",
  MAX(CASE WHEN "o"."amount" > 900 THEN 1 ELSE 0 END) AS "is_big"
FROM "orders" AS "o"
INNER JOIN "customers" AS "c" ON "c"."id" = "o"."customer_id"
GROUP BY CASE WHEN "o"."amount" >= 500 THEN 'large' WHEN "o"."amount" >= 50 THEN 'medium' WHEN "o"."amount" >= 0 THEN 'small' ELSE 'refund' END, CAST(COALESCE("c"."region", 'unknown') AS TEXT)
ORDER BY CASE WHEN "o"."amount" >= 500 THEN 'large' WHEN "o"."amount" >= 50 THEN 'medium' WHEN "o"."amount" >= 0 THEN 'small' ELSE 'refund' END COLLATE "C" NULLS LAST, CAST(COALESCE("c"."region", 'unknown') AS TEXT) COLLATE "C" NULLS LAST;
