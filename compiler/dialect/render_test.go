package dialect

import (
	"runtime"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// TestRefusedFunction checks that a function a dialect refuses is an
// error with the dialect's reason, not SQL.
func TestRefusedFunction(t *testing.T) {
	median := &sqlast.Func{Name: "median", Args: []sqlast.Expr{&sqlast.Column{Table: "v", Column: "wait"}}}
	sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: median, Alias: "m"}}, From: sqlast.Table{Name: "visits", Alias: "v"}}
	q, err := DuckDB.Render(sel, nil, false)
	if err != nil || !strings.Contains(q.SQL, `QUANTILE_CONT("v"."wait", 0.5) AS "m"`) {
		t.Fatalf("DuckDB: %v\n%s", err, q.SQL)
	}
	refusing := *DuckDB
	refusing.Refused = map[string]string{"median": "it has no ordered-set aggregates"}
	if _, err := refusing.Render(sel, nil, false); err == nil || err.Error() != "function median is not available on duckdb: it has no ordered-set aggregates" {
		t.Errorf("refused median: %v", err)
	}
}

func col(name string) sqlast.Expr { return &sqlast.Column{Table: "t", Column: name} }

func bin(op string, l, r sqlast.Expr) sqlast.Expr { return &sqlast.Binary{Op: op, L: l, R: r} }

func renderExpr(t *testing.T, e sqlast.Expr, values map[string]any) Query {
	t.Helper()
	sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: e, Alias: "x"}}, From: sqlast.Table{Name: "t"}}
	q, err := Postgres.Render(sel, values, false)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestRenderParenthesisesChains(t *testing.T) {
	a, b, c, d, e := col("a"), col("b"), col("c"), col("d"), col("e")
	cases := []struct {
		e    sqlast.Expr
		want string
	}{
		{bin("+", bin("+", a, b), c), `"t"."a" + "t"."b" + "t"."c"`},
		{bin("*", bin("+", a, b), c), `("t"."a" + "t"."b") * "t"."c"`},
		{bin("-", a, bin("-", b, c)), `"t"."a" - ("t"."b" - "t"."c")`},
		{bin("*", bin("+", bin("*", bin("+", a, b), c), d), e), `(("t"."a" + "t"."b") * "t"."c" + "t"."d") * "t"."e"`},
		{bin("AND", bin("OR", a, b), bin("OR", c, d)), `("t"."a" OR "t"."b") AND ("t"."c" OR "t"."d")`},
		{&sqlast.Func{Name: "date_diff", Unit: "month", Args: []sqlast.Expr{&sqlast.Param{Name: "p"}, a}},
			`((EXTRACT(YEAR FROM "t"."a") - EXTRACT(YEAR FROM $1)) * 12 + EXTRACT(MONTH FROM "t"."a") - EXTRACT(MONTH FROM $1))`},
		{&sqlast.In{X: a, List: []sqlast.Expr{&sqlast.Param{Name: "l", List: true}, b}}, `"t"."a" IN ($1, $2, "t"."b")`},
		{&sqlast.In{X: a, List: []sqlast.Expr{&sqlast.Param{Name: "e", List: true}}}, `FALSE`},
	}
	values := map[string]any{"p": int64(1), "l": []any{int64(1), int64(2)}, "e": []any{}}
	for _, c := range cases {
		q := renderExpr(t, c.e, values)
		got := strings.TrimSuffix(strings.TrimPrefix(q.SQL, "SELECT\n  "), ` AS "x"`+"\n"+`FROM "t"`)
		if got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

// chain is t.c0 + t.c1 + … + t.c(n-1) as the parser builds it: a tree as
// deep as it is long, leaning left.
func chain(n int) sqlast.Expr {
	var e sqlast.Expr = col("c")
	for i := 1; i < n; i++ {
		e = bin("+", e, col("c"))
	}
	return e
}

// allocated renders e and returns the bytes allocated meanwhile.
func allocated(t *testing.T, e sqlast.Expr) (uint64, int) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	q := renderExpr(t, e, nil)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, len(q.SQL)
}

// TestRenderIsLinear renders chains of 50,000 and 100,000 terms: twice
// the terms must cost about twice the memory (rendering by concatenating
// the strings of sub-expressions cost four times, 1 GB at 250,000 terms).
func TestRenderIsLinear(t *testing.T) {
	small, big := chain(50000), chain(100000)
	a, la := allocated(t, small)
	b, lb := allocated(t, big)
	t.Logf("50,000 terms: %d bytes of SQL, %d allocated; 100,000 terms: %d bytes of SQL, %d allocated", la, a, lb, b)
	if lb < 2*la-100 {
		t.Fatalf("the SQL did not double: %d then %d bytes", la, lb)
	}
	if ratio := float64(b) / float64(a); ratio > 2.6 {
		t.Errorf("twice the terms allocated %.1f times the memory; rendering is not linear", ratio)
	}
	if per := b / uint64(lb); per > 20 {
		t.Errorf("%d bytes allocated per byte of SQL", per)
	}
}
