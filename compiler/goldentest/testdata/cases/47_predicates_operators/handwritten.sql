SELECT id, quantity % 3 AS qty_mod_3, amount % 100 AS amount_mod,
       CAST(quantity AS BIGINT) * 1000000000000 AS cast_qty,
       discount IS NOT NULL AS has_discount,
       amount > 500 OR amount < 0 AS big_or_refund,
       upper(status) LIKE 'SHIP%' AS shipped_ilike,
       1 - quantity AS neg
FROM orders
WHERE (ordered_on < DATE '2025-01-08' OR ordered_on > DATE '2025-01-31')
  AND status IN ('shipped', 'refund', 'pending') AND status <> 'cancelled'
  AND status NOT LIKE 'ret%' AND id <> 13
ORDER BY id
