package dialect

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// fullJoinSelect is t a FULL JOIN t b ON b.s = a.s AND b.id >= :p, then
// t c LEFT JOINed on b, WHERE c.id IS NULL OR c.id < :q, selecting
// "a.id:b.id" (- for NULL) in a's and b's order.
func fullJoinSelect() *sqlast.Select {
	col := func(t, c string) *sqlast.Column { return &sqlast.Column{Table: t, Column: c} }
	dash := &sqlast.Literal{Kind: sqlast.String, Text: "-"}
	pair := &sqlast.Func{Name: "concat", Args: []sqlast.Expr{
		&sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{&sqlast.Cast{X: col("a", "id"), Type: catalog.Of(catalog.Text)}, dash}},
		&sqlast.Literal{Kind: sqlast.String, Text: ":"},
		&sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{&sqlast.Cast{X: col("b", "id"), Type: catalog.Of(catalog.Text)}, dash}},
	}}
	intParam := func(n string) *sqlast.Param { return &sqlast.Param{Name: n, Type: catalog.Of(catalog.Int64)} }
	return &sqlast.Select{
		Columns: []sqlast.SelectItem{{Expr: pair, Alias: "x"}},
		From:    sqlast.Table{Name: "t", Alias: "a"},
		Joins: []sqlast.Join{
			{Kind: sqlast.Full, Table: sqlast.Table{Name: "t", Alias: "b"}, On: &sqlast.Binary{Op: "AND",
				L: &sqlast.Binary{Op: "=", L: col("b", "s"), R: col("a", "s")},
				R: &sqlast.Binary{Op: ">=", L: col("b", "id"), R: intParam("p")}}},
			{Kind: sqlast.Left, Table: sqlast.Table{Name: "t", Alias: "c"}, On: &sqlast.Binary{Op: "=", L: col("c", "id"), R: col("b", "id")}},
		},
		Where:   []sqlast.Expr{&sqlast.Binary{Op: "OR", L: &sqlast.IsNull{X: col("c", "id")}, R: &sqlast.Binary{Op: "<", L: col("c", "id"), R: intParam("q")}}},
		OrderBy: []sqlast.OrderItem{{Expr: col("a", "id")}, {Expr: col("b", "id")}},
	}
}

// TestMySQLFullJoinSQL checks the SQL of a FULL JOIN on MySQL: a derived
// table of the LEFT JOIN and the unmatched right rows, the ON condition
// (and so its parameter) written twice, bound in the order of the text,
// the later join and the WHERE reading the derived table's columns.
func TestMySQLFullJoinSQL(t *testing.T) {
	q, err := MySQL.Render(fullJoinSelect(), map[string]any{"p": int64(2), "q": int64(9)}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "SELECT\n" +
		"  CONCAT_WS('', COALESCE(CAST(`_full_join1`.`a.id` AS CHAR), '-'), ':', COALESCE(CAST(`_full_join1`.`b.id` AS CHAR), '-')) AS `x`\n" +
		"FROM (\n" +
		"  SELECT\n" +
		"    `a`.`id` AS `a.id`,\n" +
		"    `b`.`id` AS `b.id`\n" +
		"  FROM `t` AS `a`\n" +
		"  LEFT JOIN `t` AS `b` ON `b`.`s` = `a`.`s` AND `b`.`id` >= ?\n" +
		"  UNION ALL\n" +
		"  SELECT\n" +
		"    NULL AS `a.id`,\n" +
		"    `b`.`id` AS `b.id`\n" +
		"  FROM `t` AS `b`\n" +
		"  WHERE NOT EXISTS (SELECT 1 FROM `t` AS `a` WHERE (`b`.`s` = `a`.`s` AND `b`.`id` >= ?))\n" +
		") AS `_full_join1`\n" +
		"LEFT JOIN `t` AS `c` ON `c`.`id` = `_full_join1`.`b.id`\n" +
		"WHERE (`c`.`id` IS NULL OR `c`.`id` < ?)\n" +
		"ORDER BY `_full_join1`.`a.id` IS NULL, `_full_join1`.`a.id`, `_full_join1`.`b.id` IS NULL, `_full_join1`.`b.id`"
	if q.SQL != want {
		t.Errorf("got\n%s\nwant\n%s", q.SQL, want)
	}
	if fmt.Sprint(q.Args) != "[2 2 9]" {
		t.Errorf("args %v, want [2 2 9]: the ON condition's value twice, then the WHERE's", q.Args)
	}
	pg, err := Postgres.Render(fullJoinSelect(), map[string]any{"p": int64(2), "q": int64(9)}, false)
	if err != nil || !strings.Contains(pg.SQL, "\nFULL JOIN \"t\" AS \"b\" ON") || len(pg.Args) != 2 {
		t.Errorf("postgres keeps its FULL JOIN and binds $1 once: %v\n%s %v", err, pg.SQL, pg.Args)
	}
}

// TestMySQLFullJoinRuns runs FULL JOINs on MariaDB and compares the rows
// with a full join computed here over the same rows of t: NULL keys on
// both sides (t.s is NULL for id 2) match nothing, 'b' and 'B' differ,
// and a row whose only match fails the parameter's condition is
// unmatched on both sides. Bound and inline give the same rows.
func TestMySQLFullJoinRuns(t *testing.T) {
	conn := mysqlConn(t)
	type row struct {
		id int
		s  *string
	}
	str := func(s string) *string { return &s }
	rows := []row{{1, str("b")}, {2, nil}, {3, str(`a\%`)}, {4, str("B")}} // as mysqlConn's t
	for _, p := range []int64{0, 2, 4, 5} {
		var want []string
		matchedB := map[int]bool{}
		for _, a := range rows {
			hit := false
			for _, b := range rows {
				if a.s != nil && b.s != nil && *a.s == *b.s && int64(b.id) >= p {
					want = append(want, fmt.Sprintf("%d:%d", a.id, b.id))
					hit, matchedB[b.id] = true, true
				}
			}
			if !hit {
				want = append(want, fmt.Sprintf("%d:-", a.id))
			}
		}
		for _, b := range rows {
			if !matchedB[b.id] {
				want = append(want, fmt.Sprintf("-:%d", b.id))
			}
		}
		slices.Sort(want)
		for _, inline := range []bool{false, true} {
			got := queryMySQL(t, conn, fullJoinSelect(), map[string]any{"p": p, "q": int64(9)}, inline)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("p=%d inline=%v: got %q, want %q", p, inline, got, want)
			}
		}
	}
}

// TestMySQLFullJoinSubquery checks that a correlated subquery reads the
// derived table's column for an outer alias and keeps its own alias of
// the same name: EXISTS (SELECT 1 FROM t a WHERE a.id = COALESCE(b.id, 1))
// holds for every row, and would not if its a were the outer one. With
// only count(*) selected and no later join, the derived table selects a
// constant.
func TestMySQLFullJoinSubquery(t *testing.T) {
	conn := mysqlConn(t)
	sel := fullJoinSelect()
	inner := &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}}},
		From: sqlast.Table{Name: "t", Alias: "a"},
		Where: []sqlast.Expr{&sqlast.Binary{Op: "=", L: &sqlast.Column{Table: "a", Column: "id"},
			R: &sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{&sqlast.Column{Table: "b", Column: "id"}, &sqlast.Literal{Kind: sqlast.Number, Text: "1"}}}}}}
	sel.Where = []sqlast.Expr{&sqlast.Subquery{Kind: sqlast.ExistsSubquery, Query: inner}}
	sel.Columns = []sqlast.SelectItem{{Expr: &sqlast.Func{Name: "count", Star: true}, Alias: "n"}}
	sel.OrderBy = nil
	q, err := MySQL.Render(sel, map[string]any{"p": int64(2)}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.SQL, "EXISTS (SELECT 1 FROM `t` AS `a` WHERE `a`.`id` = COALESCE(`_full_join1`.`b.id`, 1))") {
		t.Errorf("the subquery should keep its own a and read b from the derived table:\n%s", q.SQL)
	}
	// p=2: 3:3 4:4 1:- 2:- -:1 -:2, six rows.
	for _, inline := range []bool{false, true} {
		if got := queryMySQL(t, conn, sel, map[string]any{"p": int64(2)}, inline); !slices.Equal(got, []string{"6"}) {
			t.Errorf("inline=%v: count %q, want 6", inline, got)
		}
	}
	sel.Where, sel.Joins = nil, sel.Joins[:1]
	q, err = MySQL.Render(sel, map[string]any{"p": int64(2)}, false)
	if err != nil || !strings.Contains(q.SQL, "1 AS `_row`") {
		t.Errorf("count(*) alone: %v\n%s", err, q.SQL)
	}
	if got := queryMySQL(t, conn, sel, map[string]any{"p": int64(2)}, false); !slices.Equal(got, []string{"6"}) {
		t.Errorf("count(*) alone: %q, want 6", got)
	}
}

// TestFullJoinNames checks the derived table's names: alias.column unless
// that is taken (an alias with a dot) or longer than MySQL's 64
// characters, and an alias of its own that no table of the SELECT has.
func TestFullJoinNames(t *testing.T) {
	long := strings.Repeat("c", 63)
	sel := &sqlast.Select{
		Columns: []sqlast.SelectItem{
			{Expr: &sqlast.Column{Table: "a", Column: "b.c"}, Alias: "x1"},
			{Expr: &sqlast.Column{Table: "a.b", Column: "c"}, Alias: "x2"},
			{Expr: &sqlast.Column{Table: "a", Column: long}, Alias: "x3"},
			{Expr: &sqlast.Column{Table: "_full_join1", Column: "id"}, Alias: "x4"},
		},
		From: sqlast.Table{Name: "t", Alias: "a"},
		Joins: []sqlast.Join{
			{Kind: sqlast.Full, Table: sqlast.Table{Name: "t", Alias: "a.b"}, On: &sqlast.Literal{Kind: sqlast.Boolean, Value: true}},
			{Kind: sqlast.Left, Table: sqlast.Table{Name: "t", Alias: "_full_join1"}, On: &sqlast.Literal{Kind: sqlast.Boolean, Value: true}},
		},
	}
	out, err := fullJoinUnion(sel, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	if out.From.Alias != "_full_join1_1" {
		t.Errorf("derived table alias %q, want _full_join1_1", out.From.Alias)
	}
	var names []string
	for _, c := range out.From.Query.Columns {
		names = append(names, c.Alias)
	}
	if want := []string{"a.b.c", "_c2", "_c3"}; !slices.Equal(names, want) {
		t.Errorf("derived columns %q, want %q", names, want)
	}
	if c := out.Columns[3].Expr.(*sqlast.Column); c.Table != "_full_join1" {
		t.Errorf("the later join's own column should stay, got %s", sqlast.Format(c))
	}
}
