package dialect

import (
	"strings"
	"testing"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// TestMySQLSubqueries runs in (select …), not in, exists, not exists and
// a scalar subquery, correlated and with parameters inside, on MariaDB,
// bound and inlined (t holds ids 1 to 4; s is b, NULL, `a\%`, B).
func TestMySQLSubqueries(t *testing.T) {
	conn := mysqlConn(t)
	col := func(table, name string) *sqlast.Column { return &sqlast.Column{Table: table, Column: name} }
	id, uid := col("t", "id"), col("u", "id")
	p := &sqlast.Param{Name: "p", Type: catalog.Of(catalog.Text)}
	sub := func(item sqlast.Expr, where ...sqlast.Expr) *sqlast.Select {
		return &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: item}}, From: sqlast.Table{Name: "t", Alias: "u"}, Where: where}
	}
	ids := func(where sqlast.Expr) *sqlast.Select {
		return &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: id, Alias: "x"}}, From: sqlast.Table{Name: "t"},
			Where: []sqlast.Expr{where}, OrderBy: []sqlast.OrderItem{{Expr: id}}}
	}
	one := &sqlast.Literal{Kind: sqlast.Number, Text: "1"}
	grouped := sub(col("u", "s"))
	grouped.GroupBy = []sqlast.Expr{col("u", "s")}
	grouped.Having = []sqlast.Expr{&sqlast.Binary{Op: ">=", L: &sqlast.Func{Name: "count", Star: true}, R: one}}
	for _, c := range []struct {
		where sqlast.Expr
		want  string
	}{
		{&sqlast.Subquery{Kind: sqlast.InSubquery, X: id, Query: sub(uid, &sqlast.Binary{Op: "=", L: col("u", "s"), R: p})}, "1"},
		{&sqlast.Subquery{Kind: sqlast.InSubquery, X: id, Not: true, Query: sub(uid, &sqlast.Binary{Op: "<>", L: col("u", "s"), R: p})}, "1 2"},
		{&sqlast.Unary{Op: "NOT", X: &sqlast.Subquery{Kind: sqlast.ExistsSubquery, Query: sub(one, &sqlast.Binary{Op: "=", L: uid, R: &sqlast.Binary{Op: "+", L: id, R: one}})}}, "4"},
		{&sqlast.Subquery{Kind: sqlast.ExistsSubquery, Query: sub(one, &sqlast.Binary{Op: "=", L: uid, R: id}, &sqlast.IsNull{X: col("u", "d"), Not: true})}, "1 2 3"},
		{&sqlast.Binary{Op: "=", L: id, R: &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: sub(&sqlast.Func{Name: "max", Args: []sqlast.Expr{uid}}, &sqlast.IsNull{X: col("u", "d"), Not: true})}}, "3"},
		{&sqlast.Subquery{Kind: sqlast.InSubquery, X: col("t", "s"), Query: grouped}, "1 3 4"},
	} {
		for _, inline := range []bool{true, false} {
			sel := ids(c.where)
			values := map[string]any{"p": "b"}
			if got := strings.Join(queryMySQL(t, conn, sel, values, inline), " "); got != c.want {
				q, _ := MySQL.Render(sel, values, inline)
				t.Errorf("inline=%v: got %q, want %q\n%s", inline, got, c.want, q.SQL)
			}
		}
	}
}

// TestMySQLConstantGroupBy groups by constants as the compiler writes
// them, cast: a bare integer would be a column position.
func TestMySQLConstantGroupBy(t *testing.T) {
	conn := mysqlConn(t)
	for _, lit := range []*sqlast.Literal{{Kind: sqlast.Number, Text: "2"}, {Kind: sqlast.String, Text: "all"}} {
		k := catalog.Of(catalog.Int64)
		if lit.Kind == sqlast.String {
			k = catalog.Of(catalog.Text)
		}
		c := &sqlast.Cast{X: lit, Type: k}
		sel := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: c, Alias: "x"}},
			From: sqlast.Table{Name: "t"}, GroupBy: []sqlast.Expr{c}}
		for _, inline := range []bool{true, false} {
			if got := strings.Join(queryMySQL(t, conn, sel, nil, inline), " "); got != lit.Text {
				t.Errorf("inline=%v: got %q, want %q", inline, got, lit.Text)
			}
		}
	}
}
