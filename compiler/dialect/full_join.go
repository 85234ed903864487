package dialect

import (
	"fmt"
	"strconv"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// fullJoinName is the alias of the derived table that replaces the n-th
// FULL JOIN of a SELECT (fullJoinName + "1", …).
const fullJoinName = "_full_join"

// maxColumnName is the longest column name MySQL and MariaDB take.
const maxColumnName = 64

// fullJoins rewrites every FULL JOIN of s for a database without one
// (Dialect.FullJoinUnion), left to right: see fullJoinUnion.
func (r *renderer) fullJoins(s *sqlast.Select) *sqlast.Select {
	for n := 1; ; n++ {
		k := firstFullJoin(s.Joins)
		if k < 0 {
			return s
		}
		out, err := fullJoinUnion(s, k, n)
		if err != nil {
			r.fail("%w", err)
			return s
		}
		s = out
	}
}

func firstFullJoin(js []sqlast.Join) int {
	for i, j := range js {
		if j.Kind == sqlast.Full {
			return i
		}
	}
	return -1
}

// fullJoinUnion rewrites the FULL JOIN s.Joins[k] of s. With L the tables
// before it (s.From and s.Joins[:k], joined as they are) and b its table,
// L FULL JOIN b ON c is the rows of L LEFT JOIN b ON c, UNION ALL the rows
// of b for which NOT EXISTS (SELECT 1 FROM L WHERE c), L's columns NULL.
// NOT EXISTS is exact for any ON condition, NULL keys included: a row of
// b is unmatched when no row of L makes c true. The UNION ALL becomes a
// derived table in place of L and b, the first item of FROM, the later
// joins following it; it selects the columns of L and b that the rest of
// the statement reads (a column of a correlated subquery included), each
// named after its alias and column, and every such reference is rewritten
// to read the derived table's column. The ON condition is written twice,
// so a parameter in it is bound twice, in the order of the text.
func fullJoinUnion(s *sqlast.Select, k, n int) (*sqlast.Select, error) {
	full := s.Joins[k]
	moved := map[string]bool{tableAlias(s.From): true}
	for _, j := range s.Joins[:k+1] {
		moved[tableAlias(j.Table)] = true
	}
	taken := map[string]bool{}
	for _, t := range append([]sqlast.Table{s.From}, joinTables(s.Joins)...) {
		taken[tableAlias(t)] = true
	}
	alias := fullJoinName + strconv.Itoa(n)
	for i := 1; taken[alias]; i++ {
		alias = fullJoinName + strconv.Itoa(n) + "_" + strconv.Itoa(i)
	}
	m := &mover{moved: moved, alias: alias, names: map[sqlast.Column]string{}, used: map[string]bool{}}
	if s.From.Query != nil {
		m.derived = tableAlias(s.From)
	}

	out := *s
	out.Columns = nil
	for _, c := range s.Columns {
		c.Expr = m.expr(c.Expr, nil)
		out.Columns = append(out.Columns, c)
	}
	out.Joins = nil
	for _, j := range s.Joins[k+1:] {
		j.On = m.expr(j.On, nil)
		out.Joins = append(out.Joins, j)
	}
	out.Where = m.exprs(s.Where, nil)
	out.GroupBy = m.exprs(s.GroupBy, nil)
	out.GroupingSets = nil
	for _, set := range s.GroupingSets {
		out.GroupingSets = append(out.GroupingSets, m.exprs(set, nil))
	}
	out.Having = m.exprs(s.Having, nil)
	out.OrderBy = m.order(s.OrderBy, nil)
	if m.err != nil {
		return nil, m.err
	}

	matched := &sqlast.Select{From: s.From, Joins: append(append([]sqlast.Join(nil), s.Joins[:k]...), sqlast.Join{Kind: sqlast.Left, Table: full.Table, On: full.On})}
	unmatched := &sqlast.Select{From: full.Table, Where: []sqlast.Expr{&sqlast.Unary{Op: "NOT", X: &sqlast.Subquery{
		Kind:  sqlast.ExistsSubquery,
		Query: &sqlast.Select{Columns: []sqlast.SelectItem{{Expr: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}}}, From: s.From, Joins: s.Joins[:k], Where: []sqlast.Expr{full.On}},
	}}}}
	right := tableAlias(full.Table)
	for _, c := range m.cols {
		name := m.names[c]
		matched.Columns = append(matched.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: c.Table, Column: c.Column}, Alias: name})
		var e sqlast.Expr = &sqlast.Literal{Kind: sqlast.Null}
		if c.Table == right {
			e = &sqlast.Column{Table: c.Table, Column: c.Column}
		}
		unmatched.Columns = append(unmatched.Columns, sqlast.SelectItem{Expr: e, Alias: name})
	}
	if len(m.cols) == 0 { // nothing is read but the rows themselves
		one := sqlast.SelectItem{Expr: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}, Alias: "_row"}
		matched.Columns, unmatched.Columns = []sqlast.SelectItem{one}, []sqlast.SelectItem{one}
	}
	matched.UnionAll = []*sqlast.Select{unmatched}
	out.From = sqlast.Table{Alias: alias, Query: matched}
	return &out, nil
}

func tableAlias(t sqlast.Table) string {
	if t.Alias != "" {
		return t.Alias
	}
	return t.Name
}

// mover rewrites the references to the moved tables' columns into
// references to the derived table's, collecting those columns.
type mover struct {
	moved   map[string]bool // aliases of the tables the derived table replaces
	alias   string          // the derived table's alias
	derived string          // the alias of an earlier full join's derived table among the moved, if any
	names   map[sqlast.Column]string
	used    map[string]bool
	cols    []sqlast.Column // in order of first reference
	err     error
}

// name returns the derived table's column for c, made on first use:
// alias.column, or just column for a column of an earlier derived table
// (already unique), or _cN when that is too long or taken.
func (m *mover) name(c sqlast.Column) string {
	if n, ok := m.names[c]; ok {
		return n
	}
	n := c.Table + "." + c.Column
	if c.Table == m.derived {
		n = c.Column
	}
	if len(n) > maxColumnName || m.used[n] {
		n = "_c" + strconv.Itoa(len(m.cols)+1)
	}
	m.names[c], m.used[n] = n, true
	m.cols = append(m.cols, c)
	return n
}

func (m *mover) exprs(es []sqlast.Expr, local map[string]bool) []sqlast.Expr {
	if es == nil {
		return nil
	}
	out := make([]sqlast.Expr, len(es))
	for i, e := range es {
		out[i] = m.expr(e, local)
	}
	return out
}

func (m *mover) order(items []sqlast.OrderItem, local map[string]bool) []sqlast.OrderItem {
	if items == nil {
		return nil
	}
	out := make([]sqlast.OrderItem, len(items))
	for i, o := range items {
		o.Expr = m.expr(o.Expr, local)
		out[i] = o
	}
	return out
}

// expr returns e reading the derived table. local holds the aliases a
// subquery around e declares, which hide the outer ones of the same name.
func (m *mover) expr(e sqlast.Expr, local map[string]bool) sqlast.Expr {
	if e == nil {
		return nil
	}
	switch e := e.(type) {
	case *sqlast.Column:
		if e.Table == "" || local[e.Table] || !m.moved[e.Table] {
			return e
		}
		return &sqlast.Column{Table: m.alias, Column: m.name(*e)}
	case *sqlast.Subquery:
		return &sqlast.Subquery{Kind: e.Kind, X: m.expr(e.X, local), Not: e.Not, Query: m.subSelect(e.Query, local)}
	}
	return sqlast.MapChildren(e, func(x sqlast.Expr) sqlast.Expr { return m.expr(x, local) })
}

// subSelect rewrites the outer references of a subquery's SELECT: a
// column of an alias the subquery does not declare itself.
func (m *mover) subSelect(q *sqlast.Select, local map[string]bool) *sqlast.Select {
	inner := map[string]bool{}
	for a := range local {
		inner[a] = true
	}
	for _, t := range append([]sqlast.Table{q.From}, joinTables(q.Joins)...) {
		inner[tableAlias(t)] = true
	}
	if q.From.Query != nil || len(q.With) > 0 {
		if m.err == nil {
			m.err = fmt.Errorf("dialect: full join: a subquery with a derived table or WITH cannot be rewritten")
		}
		return q
	}
	out := *q
	out.Columns = nil
	for _, c := range q.Columns {
		c.Expr = m.expr(c.Expr, inner)
		out.Columns = append(out.Columns, c)
	}
	out.Joins = nil
	for _, j := range q.Joins {
		j.On = m.expr(j.On, inner)
		out.Joins = append(out.Joins, j)
	}
	out.Where = m.exprs(q.Where, inner)
	out.GroupBy = m.exprs(q.GroupBy, inner)
	out.GroupingSets = nil
	for _, set := range q.GroupingSets {
		out.GroupingSets = append(out.GroupingSets, m.exprs(set, inner))
	}
	out.Having = m.exprs(q.Having, inner)
	out.OrderBy = m.order(q.OrderBy, inner)
	out.UnionAll = nil
	for _, u := range q.UnionAll {
		out.UnionAll = append(out.UnionAll, m.subSelect(u, local))
	}
	return &out
}

// derived writes a derived table, (SELECT …) AS alias.
func (r *renderer) derived(t sqlast.Table) {
	outer := r.indent
	r.b.WriteString("(\n")
	r.selectStmt(t.Query, outer+"  ")
	r.indent = outer
	r.b.WriteString("\n" + outer + ") AS ")
	r.ident(t.Alias)
}
