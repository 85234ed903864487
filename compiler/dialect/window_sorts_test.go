package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// TestMySQLWindowSortsMatchPostgres runs random SELECTs of three to five
// windows (whole-partition SUM and COUNT, RANK, running SUM) over random
// partitions of random tables on MariaDB and on PostgreSQL and wants the
// same numbers on every row. The same queries written without
// SeparateWindowSorts are run as well and their wrong rows counted in the
// log: that count shows the data meets MariaDB's shared-sort bug.
func TestMySQLWindowSortsMatchPostgres(t *testing.T) {
	my := mysqlConn(t)
	pg := postgresConn(t)
	ctx := context.Background()
	unfixed := *MySQL
	unfixed.SeparateWindowSorts = false
	rng := rand.New(rand.NewSource(14))
	col := func(name string) *sqlast.Column { return &sqlast.Column{Table: "w", Column: name} }
	partitions := [][]string{nil, {"a"}, {"b"}, {"c"}, {"a", "b"}, {"b", "a"}, {"a", "c"}, {"a", "b", "c"}}
	const tables, queries = 12, 25
	wrongBefore, total := 0, 0
	for ti := 0; ti < tables; ti++ {
		rows := 5 + rng.Intn(40)
		var values []string
		for id := 1; id <= rows; id++ {
			x := "NULL"
			if rng.Intn(8) > 0 {
				x = fmt.Sprint(rng.Intn(30) - 5)
			}
			c := "NULL"
			if rng.Intn(6) > 0 {
				c = "'" + []string{"a", "B", "b", "a b", "é"}[rng.Intn(5)] + "'"
			}
			// y is unique, so a running sum over it has no ties.
			values = append(values, fmt.Sprintf("(%d, %d, %d, %s, %s, %d)", id, rng.Intn(3), rng.Intn(2), c, x, (id*7919)%1009))
		}
		insert := "INSERT INTO w VALUES " + strings.Join(values, ", ")
		for _, s := range []string{"DROP TABLE IF EXISTS w",
			"CREATE TABLE w (id INT, a INT, b INT, c VARCHAR(5) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, x INT, y INT)", insert} {
			if _, err := my.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		for _, s := range []string{"DROP TABLE IF EXISTS w",
			`CREATE TEMP TABLE w (id INT, a INT, b INT, c TEXT COLLATE "C", x INT, y INT)`, insert} {
			if _, err := pg.Exec(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		for qi := 0; qi < queries; qi++ {
			sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: col("id"), Alias: "id"}},
				From: sqlast.Table{Name: "w"}, OrderBy: []sqlast.OrderItem{{Expr: col("id")}}}
			n := 3 + rng.Intn(3)
			for i := 0; i < n; i++ {
				var part []sqlast.Expr
				for _, k := range partitions[rng.Intn(len(partitions))] {
					part = append(part, col(k))
				}
				w := &sqlast.Window{PartitionBy: part}
				switch rng.Intn(4) {
				case 0:
					w.Func, w.Arg = "SUM", col("x")
				case 1:
					w.Func, w.Arg = "COUNT", col("x")
				case 2:
					w.Func = "RANK"
					w.OrderBy = []sqlast.OrderItem{{Expr: col("x"), Desc: rng.Intn(2) == 0}}
				default:
					w.Func, w.Arg, w.Running = "SUM", col("x"), true
					w.OrderBy = []sqlast.OrderItem{{Expr: col("y"), Desc: rng.Intn(2) == 0}}
				}
				sel.Columns = append(sel.Columns, sqlast.SelectItem{Expr: w, Alias: fmt.Sprintf("w%d", i)})
			}
			want := queryPostgresInts(t, pg, sel)
			got := queryMySQLInts(t, my, MySQL, sel)
			total++
			if got != want {
				q, _ := MySQL.Render(sel, nil, false)
				t.Errorf("table %d query %d: MariaDB differs from PostgreSQL\n%s\nMariaDB:\n%s\nPostgreSQL:\n%s", ti, qi, q.SQL, got, want)
			}
			if queryMySQLInts(t, my, &unfixed, sel) != want {
				wrongBefore++
			}
		}
	}
	t.Logf("%d queries agree with PostgreSQL; without SeparateWindowSorts %d of them differ", total, wrongBefore)
}

// queryMySQLInts renders sel in dialect d and returns its rows, every
// column an integer or NULL, one line a row.
func queryMySQLInts(t *testing.T, conn *sql.Conn, d *Dialect, sel *sqlast.Select) string {
	t.Helper()
	q, err := d.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(context.Background(), q.SQL, q.Args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q.SQL)
	}
	defer rows.Close()
	var b strings.Builder
	vals := make([]sql.NullInt64, len(sel.Columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			b.WriteString(map[bool]string{false: "NULL", true: fmt.Sprint(v.Int64)}[v.Valid] + " ")
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// queryPostgresInts is queryMySQLInts on PostgreSQL.
func queryPostgresInts(t *testing.T, conn *pgx.Conn, sel *sqlast.Select) string {
	t.Helper()
	q, err := Postgres.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(context.Background(), q.SQL, q.Args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q.SQL)
	}
	defer rows.Close()
	var b strings.Builder
	vals := make([]*int64, len(sel.Columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if v == nil {
				b.WriteString("NULL ")
			} else {
				b.WriteString(fmt.Sprint(*v) + " ")
			}
		}
		b.WriteByte('\n')
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSeparateWindowSortsRender shows the shapes MySQL writes: the first
// partition key repeated once more than the partition has keys, OVER ()
// keyed on a false test of its argument, and a constant argument's
// OVER () and a partition-less ORDER BY left alone.
func TestSeparateWindowSortsRender(t *testing.T) {
	col := func(name string) *sqlast.Column { return &sqlast.Column{Table: "b", Column: name} }
	one := &sqlast.Literal{Kind: sqlast.Number, Text: "1"}
	sel := &sqlast.Select{From: sqlast.Table{Name: "b"}}
	for _, w := range []*sqlast.Window{
		{Func: "SUM", Arg: col("r"), PartitionBy: []sqlast.Expr{col("s")}},
		{Func: "RANK", PartitionBy: []sqlast.Expr{col("s")}, OrderBy: []sqlast.OrderItem{{Expr: col("r"), Desc: true}}},
		{Func: "SUM", Arg: col("r"), PartitionBy: []sqlast.Expr{col("s"), col("c")}, OrderBy: []sqlast.OrderItem{{Expr: col("w")}}, Running: true},
		{Func: "SUM", Arg: col("r")},
		{Func: "COUNT", Arg: one},
		{Func: "RANK", OrderBy: []sqlast.OrderItem{{Expr: col("r"), Desc: true}}},
	} {
		sel.Columns = append(sel.Columns, sqlast.SelectItem{Expr: w, Alias: fmt.Sprintf("w%d", len(sel.Columns))})
	}
	q, err := MySQL.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"SUM(`b`.`r`) OVER (PARTITION BY COALESCE(`b`.`s`, `b`.`s`)) AS `w0`",
		"RANK() OVER (PARTITION BY COALESCE(`b`.`s`, `b`.`s`) ORDER BY `b`.`r` DESC) AS `w1`",
		"SUM(`b`.`r`) OVER (PARTITION BY COALESCE(`b`.`s`, `b`.`s`, `b`.`s`), `b`.`c` ORDER BY `b`.`w` IS NULL, `b`.`w` ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS `w2`",
		"SUM(`b`.`r`) OVER (PARTITION BY `b`.`r` IS NULL AND FALSE) AS `w3`",
		"COUNT(1) OVER () AS `w4`",
		"RANK() OVER (ORDER BY `b`.`r` DESC) AS `w5`",
	} {
		if !strings.Contains(q.SQL, want) {
			t.Errorf("missing %q in:\n%s", want, q.SQL)
		}
	}
	pg, err := Postgres.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(pg.SQL, "COALESCE") || strings.Contains(pg.SQL, "AND FALSE") {
		t.Errorf("PostgreSQL's windows are rewritten too:\n%s", pg.SQL)
	}
}
