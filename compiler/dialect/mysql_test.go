package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// mysqlConn opens one session on the test MariaDB (env
// ASSAY_TEST_MYSQL_DSN, a go-sql-driver DSN, overrides the local root
// server) inside a fresh database holding table t, dropped when the test
// ends. Unreachable, the test is skipped, or fails when CI is set.
func mysqlConn(t *testing.T) *sql.Conn {
	t.Helper()
	dsn := os.Getenv("ASSAY_TEST_MYSQL_DSN")
	if dsn == "" {
		dsn = "root@tcp(127.0.0.1:3306)/?parseTime=true&loc=UTC"
	}
	db, err := sql.Open("mysql", dsn)
	if err == nil {
		err = db.Ping()
	}
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("MariaDB test server unavailable (set ASSAY_TEST_MYSQL_DSN): %v", err)
		}
		t.Fatalf("MariaDB test server unavailable: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	name := fmt.Sprintf("assay_dialect_%d_%d", os.Getpid(), time.Now().UnixNano())
	for _, s := range []string{
		"CREATE DATABASE `" + name + "`",
		"USE `" + name + "`",
		"CREATE TABLE t (id INT, d DATE, s VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)",
		"INSERT INTO t VALUES (1, '2024-01-03', 'b'), (2, '2023-12-31', NULL), (3, '2024-05-17', 'a\\\\%'), (4, NULL, 'B')",
	} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	t.Cleanup(func() { _, _ = db.Exec("DROP DATABASE `" + name + "`") })
	return conn
}

// queryMySQL renders sel for MySQL (inline or bound) and returns the
// first column of every row as text.
func queryMySQL(t *testing.T, conn *sql.Conn, sel *sqlast.Select, values map[string]any, inline bool) []string {
	t.Helper()
	q, err := MySQL.Render(sel, values, inline)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := conn.QueryContext(context.Background(), q.SQL, q.Args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q.SQL)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, map[bool]string{false: "NULL", true: v.String}[v.Valid])
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func one(e sqlast.Expr) *sqlast.Select {
	lim := int64(1)
	return &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: e, Alias: "x"}}, From: sqlast.Table{Name: "t"}, Limit: &lim}
}

// TestMySQLLiteralsBothModes inlines hostile text and reads it back
// unchanged with and without NO_BACKSLASH_ESCAPES, and bound as well.
func TestMySQLLiteralsBothModes(t *testing.T) {
	conn := mysqlConn(t)
	corpus := []string{"plain", "O'Hara", `back\slash`, `\'; DROP TABLE t; -- `, "line\nbreak", `"dq"`, "100%_", "日本語 ✓", `\\`, `'`, ""}
	p := &sqlast.Param{Name: "v", Type: catalog.Of(catalog.Text)}
	for _, mode := range []string{"STRICT_TRANS_TABLES", "STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES"} {
		if _, err := conn.ExecContext(context.Background(), "SET SESSION sql_mode = '"+mode+"'"); err != nil {
			t.Fatal(err)
		}
		for _, s := range corpus {
			for _, inline := range []bool{true, false} {
				got := queryMySQL(t, conn, one(p), map[string]any{"v": s}, inline)
				if len(got) != 1 || got[0] != s {
					t.Errorf("%s inline=%v: %q came back as %q", mode, inline, s, got)
				}
			}
			lit := &sqlast.Literal{Kind: sqlast.String, Text: s}
			if got := queryMySQL(t, conn, one(lit), nil, false); len(got) != 1 || got[0] != s {
				t.Errorf("%s: string literal %q came back as %q", mode, s, got)
			}
		}
	}
}

// TestMySQLDates truncates, takes parts of and shifts dates on MariaDB,
// bound and inlined, against Go's calendar.
func TestMySQLDates(t *testing.T) {
	conn := mysqlConn(t)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	date := &sqlast.Param{Name: "d", Type: catalog.Of(catalog.Date)}
	other := &sqlast.Param{Name: "e", Type: catalog.Of(catalog.Date)}
	fn := func(name, unit string, args ...sqlast.Expr) sqlast.Expr {
		return &sqlast.Func{Name: name, Unit: unit, Args: args}
	}
	for _, d := range []time.Time{day(2024, 1, 3), day(2023, 12, 31), day(2024, 5, 17), day(2021, 1, 1)} {
		wd := (int(d.Weekday()) + 6) % 7 // days since Monday
		_, isoWeek := d.ISOWeek()
		cases := []struct {
			e    sqlast.Expr
			want string
		}{
			{fn("day", "", date), d.Format("2006-01-02T15:04:05Z")},
			{fn("week", "", date), d.AddDate(0, 0, -wd).Format("2006-01-02T15:04:05Z")},
			{fn("month", "", date), day(d.Year(), d.Month(), 1).Format("2006-01-02T15:04:05Z")},
			{fn("quarter", "", date), day(d.Year(), (d.Month()-1)/3*3+1, 1).Format("2006-01-02T15:04:05Z")},
			{fn("year", "", date), day(d.Year(), 1, 1).Format("2006-01-02T15:04:05Z")},
			{fn("date_part", "dow", date), fmt.Sprint(int(d.Weekday()))},
			{fn("date_part", "isodow", date), fmt.Sprint(wd + 1)},
			{fn("date_part", "doy", date), fmt.Sprint(d.YearDay())},
			{fn("date_part", "week", date), fmt.Sprint(isoWeek)},
			{fn("date_part", "month", date), fmt.Sprint(int(d.Month()))},
			{fn("date_diff", "month", date, other), fmt.Sprint((2025-d.Year())*12 + 3 - int(d.Month()))},
			{fn("date_diff", "day", date, other), fmt.Sprint(int(day(2025, 3, 9).Sub(d).Hours() / 24))},
			{&sqlast.DateShift{X: date, N: 1, Unit: "quarter", Type: catalog.Of(catalog.Date)}, monthsBack(d, 3).Format("2006-01-02T15:04:05Z")},
		}
		values := map[string]any{"d": d, "e": day(2025, 3, 9)}
		for _, c := range cases {
			for _, inline := range []bool{true, false} {
				if got := queryMySQL(t, conn, one(c.e), values, inline); len(got) != 1 || got[0] != c.want {
					q, _ := MySQL.Render(one(c.e), values, inline)
					t.Errorf("%s: got %v, want %s\n%s", d.Format("2006-01-02"), got, c.want, q.SQL)
				}
			}
		}
	}
}

// monthsBack is d n months earlier, the day clamped to the month's last
// day as SQL's interval arithmetic does (Go's AddDate overflows instead).
func monthsBack(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d.Day(), last)-1)
}

// TestMySQLOrderConcatLike checks the emulated NULLS LAST/FIRST order,
// code-point text order, || as CONCAT and LIKE with a backslash that is
// an ordinary character (t.s holds b, NULL, `a\%` and B).
func TestMySQLOrderConcatLike(t *testing.T) {
	conn := mysqlConn(t)
	s := &sqlast.Column{Table: "t", Column: "s"}
	id := &sqlast.Column{Table: "t", Column: "id"}
	sel := func(e sqlast.Expr, order ...sqlast.OrderItem) *sqlast.Select {
		return &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: e, Alias: "x"}}, From: sqlast.Table{Name: "t"}, OrderBy: order}
	}
	for _, c := range []struct {
		sel  *sqlast.Select
		want string
	}{
		{sel(s, sqlast.OrderItem{Expr: s, Text: true}), "B a\\% b NULL"},
		{sel(s, sqlast.OrderItem{Expr: s, Text: true, Desc: true, NullsFirst: true}), "NULL b a\\% B"},
		{sel(&sqlast.Binary{Op: "||", L: &sqlast.Binary{Op: "||", L: s, R: &sqlast.Literal{Kind: sqlast.String, Text: "-"}}, R: s}, sqlast.OrderItem{Expr: id}), "b-b NULL a\\%-a\\% B-B"},
		{sel(id, sqlast.OrderItem{Expr: id}), "1 2 3 4"},
	} {
		for _, inline := range []bool{true, false} {
			if got := strings.Join(queryMySQL(t, conn, c.sel, nil, inline), " "); got != c.want {
				q, _ := MySQL.Render(c.sel, nil, inline)
				t.Errorf("got %s, want %s\n%s", got, c.want, q.SQL)
			}
		}
	}
	like := sel(id)
	like.Where = []sqlast.Expr{&sqlast.Like{X: s, Pattern: &sqlast.Param{Name: "p", Type: catalog.Of(catalog.Text)}}}
	for _, c := range []struct{ pattern, want string }{{`a\%`, "3"}, {`a\_`, "3"}, {`a\\%`, ""}, {`a\`, ""}, {"a%", "3"}, {"_", "1 4"}} {
		for _, inline := range []bool{true, false} {
			if got := strings.Join(queryMySQL(t, conn, like, map[string]any{"p": c.pattern}, inline), " "); got != c.want {
				t.Errorf("LIKE %q inline=%v: got %q, want %q", c.pattern, inline, got, c.want)
			}
		}
	}
}

// TestMySQLRefusesWhatItLacks checks that a dialect that lacks FULL JOIN
// and does not write it as a UNION ALL refuses it at render time, not SQL
// it would reject or misread (MySQL writes it: full_join_test.go).
func TestMySQLRefusesWhatItLacks(t *testing.T) {
	id := &sqlast.Column{Table: "t", Column: "id"}
	full := one(id)
	full.Joins = []sqlast.Join{{Kind: sqlast.Full, Table: sqlast.Table{Name: "u"}, On: &sqlast.Literal{Kind: sqlast.Boolean, Value: true}}}
	lacking := *MySQL
	lacking.FullJoinUnion = false
	lacking.Lacks = map[string]string{"FULL JOIN": "FULL JOIN is not supported on lacking"}
	if _, err := lacking.Render(full, nil, false); err == nil || err.Error() != "FULL JOIN is not supported on lacking" {
		t.Errorf("got %v, want the FULL JOIN refusal", err)
	}
	if _, err := Postgres.Render(full, nil, false); err != nil {
		t.Errorf("postgres: %v", err)
	}
}

// TestMySQLGroupingSets runs grouping sets written as a UNION ALL on
// MariaDB: one row per value of s (NULL one of them, 'b' and 'B' two)
// with GROUPING(s) 0, and the total with GROUPING(s) 1 and s NULL.
func TestMySQLGroupingSets(t *testing.T) {
	conn := mysqlConn(t)
	s := &sqlast.Column{Table: "t", Column: "s"}
	count := &sqlast.Func{Name: "count", Star: true}
	grouping := &sqlast.Func{Name: "grouping", Args: []sqlast.Expr{s}}
	row := &sqlast.Func{Name: "concat", Args: []sqlast.Expr{
		&sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{s, &sqlast.Literal{Kind: sqlast.String, Text: "-"}}},
		&sqlast.Literal{Kind: sqlast.String, Text: ":"}, count, &sqlast.Literal{Kind: sqlast.String, Text: ":"}, grouping}}
	sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: row, Alias: "x"}}, From: sqlast.Table{Name: "t"},
		GroupingSets: [][]sqlast.Expr{{s}, {}}}
	for _, inline := range []bool{true, false} {
		got := queryMySQL(t, conn, sel, nil, inline)
		slices.Sort(got)
		if want := `-:1:0 -:4:1 B:1:0 a\%:1:0 b:1:0`; strings.Join(got, " ") != want {
			q, _ := MySQL.Render(sel, nil, inline)
			t.Errorf("got %v, want %s\n%s", got, want, q.SQL)
		}
	}
}

// TestMySQLGroupingSetsSubquery runs grouping sets with a subquery outside
// aggregates, correlated to a column of the row that is not a grouping
// expression (inside max) and one reading a grouping expression: kept in
// the set that groups by it, and refused (not answered wrongly) where a
// total leaves the expression out and GROUPING SETS would read NULL.
func TestMySQLGroupingSetsSubquery(t *testing.T) {
	conn := mysqlConn(t)
	s := &sqlast.Column{Table: "t", Column: "s"}
	col := func(table, name string) *sqlast.Column { return &sqlast.Column{Table: table, Column: name} }
	// count(*) + (SELECT count(*) FROM t AS u WHERE u.id > 2): uncorrelated.
	inner := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: &sqlast.Func{Name: "count", Star: true}}},
		From:  sqlast.Table{Name: "t", Alias: "u"},
		Where: []sqlast.Expr{&sqlast.Binary{Op: ">", L: col("u", "id"), R: &sqlast.Literal{Kind: sqlast.Number, Text: "2"}}}}
	row := &sqlast.Func{Name: "concat", Args: []sqlast.Expr{
		&sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{s, &sqlast.Literal{Kind: sqlast.String, Text: "-"}}},
		&sqlast.Literal{Kind: sqlast.String, Text: ":"},
		&sqlast.Binary{Op: "+", L: &sqlast.Func{Name: "count", Star: true}, R: &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: inner}}}}
	sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: row, Alias: "x"}}, From: sqlast.Table{Name: "t"},
		GroupingSets: [][]sqlast.Expr{{s}, {}}}
	for _, inline := range []bool{true, false} {
		got := queryMySQL(t, conn, sel, nil, inline)
		slices.Sort(got)
		if want := `-:3 -:6 B:3 a\%:3 b:3`; strings.Join(got, " ") != want {
			q, _ := MySQL.Render(sel, nil, inline)
			t.Errorf("got %v, want %s\n%s", got, want, q.SQL)
		}
	}
	// A subquery reading t.s from the outer row: t.s is NULL in the total.
	correlated := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: &sqlast.Func{Name: "count", Star: true}}},
		From:  sqlast.Table{Name: "t", Alias: "u"},
		Where: []sqlast.Expr{&sqlast.Binary{Op: "=", L: col("u", "s"), R: s}}}
	sel.Columns[0].Expr = &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: correlated}
	if _, err := MySQL.Render(sel, nil, false); err == nil || !strings.Contains(err.Error(), `reads "t"."s"`) && !strings.Contains(err.Error(), "t.s") {
		t.Errorf("a subquery reading a grouping column left out by a total: err %v, want a refusal naming t.s", err)
	}
	// The same subquery reading its own alias u.s only is kept.
	own := *correlated
	own.Where = []sqlast.Expr{&sqlast.IsNull{X: col("u", "s"), Not: true}}
	sel.Columns[0].Expr = &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: &own}
	if _, err := MySQL.Render(sel, nil, false); err != nil {
		t.Errorf("a subquery reading its own columns only: %v", err)
	}
}

// TestMySQLIntervalArithmetic adds and subtracts interval literals of
// several units on MariaDB and wants PostgreSQL's answers (months first,
// then the rest; computed here with Go's calendar).
func TestMySQLIntervalArithmetic(t *testing.T) {
	conn := mysqlConn(t)
	d := &sqlast.Param{Name: "d", Type: catalog.Of(catalog.Timestamp)}
	start := time.Date(2024, 1, 31, 6, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		op, text string
		want     time.Time
	}{
		{"+", "1 month 36 hours", time.Date(2024, 2, 29, 6, 0, 0, 0, time.UTC).Add(36 * time.Hour)},
		{"-", "1 week", start.AddDate(0, 0, -7)},
		{"+", "1.5 hours 2 minutes", start.Add(92 * time.Minute)},
		{"-", "1 year 2 months", time.Date(2022, 11, 30, 6, 0, 0, 0, time.UTC)},
		{"+", "0 days", start},
	} {
		e := &sqlast.Cast{X: &sqlast.Binary{Op: c.op, L: d, R: &sqlast.TypedLiteral{Type: catalog.Interval, Value: c.text}}, Type: catalog.Of(catalog.Timestamp)}
		for _, inline := range []bool{true, false} {
			got := queryMySQL(t, conn, one(e), map[string]any{"d": start}, inline)
			if want := c.want.Format("2006-01-02T15:04:05Z"); len(got) != 1 || got[0] != want {
				q, _ := MySQL.Render(one(e), map[string]any{"d": start}, inline)
				t.Errorf("%s %s interval '%s' inline=%v: got %v, want %s\n%s", start, c.op, c.text, inline, got, want, q.SQL)
			}
		}
	}
	if _, _, err := intervalUnits("1.5 months"); err == nil {
		t.Error("a fraction of a month must be refused")
	}
}
