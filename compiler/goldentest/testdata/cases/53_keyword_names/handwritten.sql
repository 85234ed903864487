SELECT "order", "Display Name" AS name, count(*) AS "rows", sum("select") AS total
FROM "group"
GROUP BY "order", "Display Name"
ORDER BY "order", "Display Name" NULLS LAST
