package dialect

import (
	"context"
	"math"
	"math/rand"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// pgPercentileCont is PostgreSQL's percentile_cont(p) over float8
// (orderedsetaggs.c, percentile_cont_final_common and float8_lerp), in
// its order of floating-point operations.
func pgPercentileCont(vals []float64, p float64) (float64, bool) {
	var v []float64
	for _, x := range vals {
		if !math.IsNaN(x) { // NaN stands for NULL here
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0, false
	}
	sort.Float64s(v)
	n := int64(len(v))
	first := int64(math.Floor(p * float64(n-1)))
	second := int64(math.Ceil(p * float64(n-1)))
	if first == second {
		return v[first], true
	}
	proportion := p*float64(n-1) - float64(first)
	return v[first] + proportion*(v[second]-v[first]), true
}

// quantileGroups are random groups of doubles: long fractions, integers,
// ties, negative values, NULLs (NaN) and groups of one or with NULLs only.
func quantileGroups() map[int][]float64 {
	rng := rand.New(rand.NewSource(14))
	groups := map[int][]float64{}
	for g := 0; g < 60; g++ {
		n := 1 + rng.Intn(40)
		for i := 0; i < n; i++ {
			var x float64
			switch rng.Intn(6) {
			case 0:
				x = float64(rng.Intn(20) - 5)
			case 1:
				x = math.NaN()
			case 2:
				x = rng.NormFloat64() * 1e6
			case 3:
				x = float64(rng.Intn(100000)) / 100
			default:
				x = rng.Float64()*10 - 3
			}
			if g == 7 {
				x = math.NaN()
			}
			groups[g] = append(groups[g], x)
		}
	}
	return groups
}

var quantilePs = []string{"0", "0.1", "0.25", "0.33", "0.5", "0.7", "0.9", "0.95", "0.999", "1"}

// TestMySQLQuantilesExact computes percentile(x, p) for many p over random
// groups on MariaDB with the row-number form of quantile.go, and wants the
// very double PostgreSQL's percentile_cont gives, computed by PostgreSQL
// and by pgPercentileCont. A filtered median and a grand total (no GROUP
// BY) are checked as well.
func TestMySQLQuantilesExact(t *testing.T) {
	groups := quantileGroups()
	conn := mysqlConn(t)
	ctx := context.Background()
	// MySQL 8's default sql_mode has ONLY_FULL_GROUP_BY; the grouping
	// SELECT must pass it.
	for _, s := range []string{"CREATE TABLE q (g INT, x DOUBLE)", "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ONLY_FULL_GROUP_BY')"} {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for g, vals := range groups {
		for _, x := range vals {
			var v any = x
			if math.IsNaN(x) {
				v = nil
			}
			if _, err := conn.ExecContext(ctx, "INSERT INTO q VALUES (?, ?)", g, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	pg := postgresConn(t)
	col := func(name string) sqlast.Expr { return &sqlast.Column{Table: "q", Column: name} }
	x := &sqlast.Cast{X: col("x"), Type: catalog.Of(catalog.Float64)}
	positive := &sqlast.Binary{Op: ">", L: col("x"), R: &sqlast.Literal{Kind: sqlast.Number, Text: "0"}}
	for _, grouped := range []bool{true, false} {
		sel := &sqlast.Select{From: sqlast.Table{Name: "q", Alias: "q"},
			Where: []sqlast.Expr{&sqlast.Binary{Op: ">=", L: col("g"), R: &sqlast.Param{Name: "min", Type: catalog.Of(catalog.Int64)}}}}
		if grouped {
			sel.Columns = append(sel.Columns, sqlast.SelectItem{Expr: col("g"), Alias: "g"})
			sel.GroupBy = []sqlast.Expr{col("g")}
			sel.OrderBy = []sqlast.OrderItem{{Expr: col("g")}}
		} else {
			sel.Columns = append(sel.Columns, sqlast.SelectItem{Expr: &sqlast.Literal{Kind: sqlast.Number, Text: "-1"}, Alias: "g"})
		}
		for i, p := range quantilePs {
			sel.Columns = append(sel.Columns, sqlast.SelectItem{Alias: "p" + strconv.Itoa(i),
				Expr: &sqlast.Func{Name: "percentile", Args: []sqlast.Expr{x, &sqlast.Literal{Kind: sqlast.Number, Text: p}}}})
		}
		sel.Columns = append(sel.Columns, sqlast.SelectItem{Alias: "m", Expr: &sqlast.Func{Name: "median", Args: []sqlast.Expr{x}, Filter: positive}})
		q, err := MySQL.Render(sel, map[string]any{"min": int64(0)}, false)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := conn.QueryContext(ctx, q.SQL, q.Args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, q.SQL)
		}
		checked := 0
		for rows.Next() {
			var g int
			got := make([]*float64, len(quantilePs)+1)
			dest := []any{&g}
			for i := range got {
				dest = append(dest, &got[i])
			}
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
			var vals []float64
			if grouped {
				vals = groups[g]
			} else {
				for k := 0; k < len(groups); k++ {
					vals = append(vals, groups[k]...)
				}
			}
			var pos []float64
			for _, v := range vals {
				if v > 0 {
					pos = append(pos, v)
				}
			}
			for i := range got {
				p, in := 0.5, pos
				if i < len(quantilePs) {
					p, _ = strconv.ParseFloat(quantilePs[i], 64)
					in = vals
				}
				want, ok := pgPercentileCont(in, p)
				fromPG, pgOK := pgQuantile(t, pg, in, p)
				if ok != pgOK || (ok && math.Float64bits(want) != math.Float64bits(fromPG)) {
					t.Fatalf("the reference differs from PostgreSQL: group %d p=%v: %v (%v), PostgreSQL %v (%v)", g, p, want, ok, fromPG, pgOK)
				}
				switch {
				case !ok && got[i] != nil:
					t.Errorf("group %d p=%v: %v, want NULL", g, p, *got[i])
				case ok && got[i] == nil:
					t.Errorf("group %d p=%v: NULL, want %v", g, p, want)
				case ok && math.Float64bits(*got[i]) != math.Float64bits(want):
					t.Errorf("group %d p=%v: %v, want %v", g, p, *got[i], want)
				}
				checked++
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if want := len(groups) * (len(quantilePs) + 1); grouped && checked != want {
			t.Errorf("%d values checked, want %d", checked, want)
		}
	}
}

// postgresConn connects to the test PostgreSQL (ASSAY_TEST_POSTGRES_URL);
// unreachable, the test is skipped, or fails when CI is set.
func postgresConn(t *testing.T) *pgx.Conn {
	t.Helper()
	url := os.Getenv("ASSAY_TEST_POSTGRES_URL")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL test server unavailable (set ASSAY_TEST_POSTGRES_URL): %v", err)
		}
		t.Fatalf("PostgreSQL test server unavailable: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// pgQuantile asks PostgreSQL for percentile_cont(p) of vals (NaN is NULL).
func pgQuantile(t *testing.T, pg *pgx.Conn, vals []float64, p float64) (float64, bool) {
	t.Helper()
	in := make([]*float64, len(vals))
	for i := range vals {
		if !math.IsNaN(vals[i]) {
			in[i] = &vals[i]
		}
	}
	var out *float64
	err := pg.QueryRow(context.Background(), "SELECT percentile_cont($2::float8) WITHIN GROUP (ORDER BY x) FROM unnest($1::float8[]) AS u(x)", in, p).Scan(&out)
	if err != nil {
		t.Fatal(err)
	}
	if out == nil {
		return 0, false
	}
	return *out, true
}

// TestQuantileRowsRender pins the shape of the row-number form: one CTE
// per SELECT, the rows partitioned by the SELECT's GROUP BY, one
// ROW_NUMBER and COUNT per quantile argument however many quantiles read
// it, another aggregate's filter computed per row, and a subquery outside
// an aggregate refused naming the functions and the dialect.
func TestQuantileRowsRender(t *testing.T) {
	col := func(name string) sqlast.Expr { return &sqlast.Column{Table: "v", Column: name} }
	x := &sqlast.Cast{X: col("wait"), Type: catalog.Of(catalog.Float64)}
	sel := &sqlast.Select{
		From:    sqlast.Table{Name: "visits", Alias: "v"},
		GroupBy: []sqlast.Expr{col("clinic")},
		Columns: []sqlast.SelectItem{
			{Expr: col("clinic"), Alias: "clinic"},
			{Expr: &sqlast.Func{Name: "count", Star: true, Filter: &sqlast.Binary{Op: "=", L: col("status"), R: &sqlast.Literal{Kind: sqlast.String, Text: "done"}}}, Alias: "done"},
			{Expr: &sqlast.Func{Name: "median", Args: []sqlast.Expr{x}}, Alias: "m"},
			{Expr: &sqlast.Func{Name: "percentile", Args: []sqlast.Expr{x, &sqlast.Literal{Kind: sqlast.Number, Text: "0.9"}}}, Alias: "p90"},
		},
		OrderBy: []sqlast.OrderItem{{Expr: col("clinic")}},
	}
	q, err := MySQL.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"WITH `_quantile_rows1` AS (\n  SELECT\n    `v`.`clinic` AS `_c1`,\n    `v`.`status` = 'done' AS `_c2`,",
		"ROW_NUMBER() OVER (PARTITION BY COALESCE(`v`.`clinic`, `v`.`clinic`) ORDER BY CAST(`v`.`wait` AS DOUBLE) IS NULL, CAST(`v`.`wait` AS DOUBLE)) AS `_qr1`",
		"COUNT(CAST(`v`.`wait` AS DOUBLE)) OVER (PARTITION BY COALESCE(`v`.`clinic`, `v`.`clinic`)) AS `_qn1`",
		"COUNT(CASE WHEN `_quantile_rows1`.`_c2` THEN 1 END) AS `done`",
		"FLOOR(CAST(0.9 AS DOUBLE) * (`_quantile_rows1`.`_qn1` - 1)) + 1",
		"FROM `_quantile_rows1`\nGROUP BY `_quantile_rows1`.`_c1`\nORDER BY `_quantile_rows1`.`_c1`",
	} {
		if !strings.Contains(q.SQL, want) {
			t.Errorf("missing %q in:\n%s", want, q.SQL)
		}
	}
	if n := strings.Count(q.SQL, "ROW_NUMBER()"); n != 1 {
		t.Errorf("%d ROW_NUMBER windows for one quantile argument:\n%s", n, q.SQL)
	}
	// PostgreSQL keeps its ordered-set aggregate.
	if pq, err := Postgres.Render(sel, nil, false); err != nil || !strings.Contains(pq.SQL, "PERCENTILE_CONT(0.9) WITHIN GROUP") {
		t.Errorf("postgres: %v\n%s", err, pq.SQL)
	}
	sub := *sel
	sub.Having = []sqlast.Expr{&sqlast.Binary{Op: ">", L: &sqlast.Func{Name: "count", Star: true},
		R: &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}, Alias: "one"}}, From: sqlast.Table{Name: "clinics"}}}}}
	if _, err := MySQL.Render(&sub, nil, false); err == nil || !strings.Contains(err.Error(), "median and percentile with a subquery outside an aggregate (in having) cannot be written on mysql") {
		t.Errorf("a subquery in having: %v", err)
	}
}
