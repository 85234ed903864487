package dialect

import (
	"fmt"
	"strconv"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// aggregates are the functions of the report language that aggregate
// rows: their arguments are read row by row, before grouping, and are
// never replaced by a grouping level's NULL.
var aggregates = map[string]bool{
	"count": true, "sum": true, "avg": true, "median": true, "percentile": true,
	"stddev": true, "variance": true, "min": true, "max": true,
}

// unionGroupingSets rewrites a SELECT … GROUP BY GROUPING SETS (s1, s2, …)
// for a database without grouping sets (Dialect.UnionGroupingSets): one
// SELECT … GROUP BY si per set, joined with UNION ALL, in the order of the
// sets. In the branch of set si, an expression of another set that si
// leaves out reads NULL (outside aggregates, as GROUPING SETS has it) and
// GROUPING(a, b, …) is the constant bit mask of the arguments si leaves
// out, the first argument the highest bit. The rows are those of GROUPING
// SETS; their order is the UNION's, which the report's ORDER BY fixes.
func unionGroupingSets(s *sqlast.Select) (*sqlast.Select, error) {
	if len(s.UnionAll) > 0 || len(s.GroupBy) > 0 {
		return nil, fmt.Errorf("grouping sets with a UNION ALL or GROUP BY of their own cannot be written as a UNION ALL")
	}
	if len(s.OrderBy) > 0 || s.Limit != nil {
		return orderedGroupingSets(s)
	}
	every := map[string]bool{}
	for _, set := range s.GroupingSets {
		for _, e := range set {
			every[sqlast.Format(e)] = true
		}
	}
	var branches []*sqlast.Select
	for i, set := range s.GroupingSets {
		in := map[string]bool{}
		for _, e := range set {
			in[sqlast.Format(e)] = true
		}
		g := &grouping{every: every, in: in}
		b := &sqlast.Select{
			Comment:  s.Comment,
			Distinct: s.Distinct,
			From:     s.From,
			Joins:    s.Joins,
			Where:    s.Where,
			GroupBy:  append([]sqlast.Expr(nil), set...),
		}
		if i == 0 {
			b.With = s.With
		} else {
			b.Comment = ""
		}
		for _, c := range s.Columns {
			b.Columns = append(b.Columns, sqlast.SelectItem{Expr: g.rewrite(c.Expr), Alias: c.Alias, Comment: c.Comment})
		}
		for _, h := range s.Having {
			b.Having = append(b.Having, g.rewrite(h))
		}
		if g.err != nil {
			return nil, g.err
		}
		branches = append(branches, b)
	}
	out := branches[0]
	out.UnionAll = branches[1:]
	return out, nil
}

// groupedName is the CTE that holds the UNION ALL of an ordered
// grouping-sets SELECT.
const groupedName = "_grouping_sets"

// orderedGroupingSets writes the sets' UNION ALL as a CTE and orders and
// limits its rows in an outer SELECT, where an ORDER BY key is an output
// column: one that sorts by a selected expression or an output name sorts
// by that column.
func orderedGroupingSets(s *sqlast.Select) (*sqlast.Select, error) {
	inner := *s
	inner.OrderBy, inner.Limit, inner.With, inner.Comment = nil, nil, nil, ""
	union, err := unionGroupingSets(&inner)
	if err != nil {
		return nil, err
	}
	out := &sqlast.Select{Comment: s.Comment, With: append(append([]sqlast.CTE(nil), s.With...), sqlast.CTE{Name: groupedName, Query: union}),
		From: sqlast.Table{Name: groupedName}, Limit: s.Limit}
	byExpr := map[string]string{}
	for _, c := range s.Columns {
		byExpr[sqlast.Format(c.Expr)] = c.Alias
		out.Columns = append(out.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: groupedName, Column: c.Alias}, Alias: c.Alias})
	}
	for _, o := range s.OrderBy {
		alias, ok := byExpr[sqlast.Format(o.Expr)]
		if c, isCol := o.Expr.(*sqlast.Column); !ok && isCol && c.Table == "" {
			alias, ok = c.Column, true
		}
		if !ok {
			return nil, fmt.Errorf("grouping sets ordered by %s, which is not an output column, cannot be written as a UNION ALL", sqlast.Format(o.Expr))
		}
		o.Expr = &sqlast.Column{Table: groupedName, Column: alias}
		out.OrderBy = append(out.OrderBy, o)
	}
	return out, nil
}

// grouping rewrites the expressions of one grouping set's branch.
type grouping struct {
	every map[string]bool // the expressions of every set
	in    map[string]bool // those of this set
	err   error
}

// rewrite returns e as the branch computes it.
func (g *grouping) rewrite(e sqlast.Expr) sqlast.Expr {
	if e == nil {
		return nil
	}
	if k := sqlast.Format(e); g.every[k] && !g.in[k] {
		return &sqlast.Literal{Kind: sqlast.Null}
	}
	switch e := e.(type) {
	case *sqlast.Window:
		return e
	case *sqlast.Func:
		if e.Name == "grouping" {
			mask := 0
			for _, a := range e.Args {
				mask <<= 1
				if !g.in[sqlast.Format(a)] {
					mask |= 1
				}
			}
			return &sqlast.Literal{Kind: sqlast.Number, Text: strconv.Itoa(mask)}
		}
		if aggregates[e.Name] {
			return e
		}
	case *sqlast.Subquery:
		// The subquery's SELECT is kept as it is: its own columns are
		// per row of its own tables. Under GROUPING SETS, an outer
		// reference to a grouping expression this set leaves out would
		// read NULL; the branch cannot say that inside the subquery, so
		// such a subquery is refused rather than answered wrongly.
		if ref := g.outerRef(e.Query, map[string]bool{}); ref != "" && g.err == nil {
			g.err = fmt.Errorf("grouping sets: a subquery that reads %s, which a total leaves out, cannot be written as a UNION ALL", ref)
		}
	}
	return sqlast.MapChildren(e, g.rewrite)
}

// outerRef returns the first expression of subquery s that reads a
// grouping expression this set leaves out from the enclosing query: one
// that is such an expression and names no table of s (or of a subquery
// around it inside the branch, local). It returns "" when there is none.
func (g *grouping) outerRef(s *sqlast.Select, local map[string]bool) string {
	inner := map[string]bool{}
	for k := range local {
		inner[k] = true
	}
	for _, t := range append([]sqlast.Table{s.From}, joinTables(s.Joins)...) {
		if t.Alias != "" {
			inner[t.Alias] = true
		} else {
			inner[t.Name] = true
		}
	}
	var exprs []sqlast.Expr
	for _, c := range s.Columns {
		exprs = append(exprs, c.Expr)
	}
	for _, j := range s.Joins {
		exprs = append(exprs, j.On)
	}
	exprs = append(append(append(exprs, s.Where...), s.GroupBy...), s.Having...)
	for _, set := range s.GroupingSets {
		exprs = append(exprs, set...)
	}
	for _, o := range s.OrderBy {
		exprs = append(exprs, o.Expr)
	}
	var found string
	var walk func(e sqlast.Expr) bool // reports whether e names a local table
	walk = func(e sqlast.Expr) bool {
		if e == nil || found != "" {
			return false
		}
		localHere := false
		if c, ok := e.(*sqlast.Column); ok {
			localHere = c.Table == "" || inner[c.Table]
		}
		if sq, ok := e.(*sqlast.Subquery); ok && found == "" {
			found = g.outerRef(sq.Query, inner)
		}
		for _, x := range sqlast.Children(e) {
			if walk(x) {
				localHere = true
			}
		}
		if k := sqlast.Format(e); found == "" && !localHere && g.every[k] && !g.in[k] {
			found = k
		}
		return localHere
	}
	for _, e := range exprs {
		walk(e)
	}
	for _, c := range s.With {
		if found == "" {
			found = g.outerRef(c.Query, inner)
		}
	}
	for _, u := range s.UnionAll {
		if found == "" {
			found = g.outerRef(u, local)
		}
	}
	return found
}

func joinTables(js []sqlast.Join) []sqlast.Table {
	out := make([]sqlast.Table, len(js))
	for i, j := range js {
		out[i] = j.Table
	}
	return out
}
