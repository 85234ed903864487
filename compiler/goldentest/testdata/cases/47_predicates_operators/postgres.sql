-- report order_predicates (testdata/cases/47_predicates_operators/spec.yaml:1)
SELECT
  "o"."id" AS "id",
  "o"."quantity" % 3 AS "qty_mod_3",
  "o"."amount" % 100 AS "amount_mod",
  CAST("o"."quantity" AS BIGINT) * 1000000000000 AS "cast_qty",
  "o"."discount" IS NOT NULL AS "has_discount",
  "o"."amount" > 500 OR "o"."amount" < 0 AS "big_or_refund",
  "o"."status" ILIKE 'SHIP%' ESCAPE '' AS "shipped_ilike",
  -"o"."quantity" + 1 AS "neg"
FROM "orders" AS "o"
WHERE "o"."ordered_on" NOT BETWEEN DATE '2025-01-08' AND DATE '2025-01-31'
  AND "o"."status" IN ('shipped', 'refund', 'pending')
  AND "o"."status" NOT IN ('cancelled')
  AND "o"."status" NOT LIKE 'ret%' ESCAPE ''
  AND NOT "o"."id" = 13
ORDER BY "id" NULLS LAST;
