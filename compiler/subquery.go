package compiler

import (
	"fmt"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// A subquery is a SELECT over catalog tables inside a `where`, a join's
// `on`, a measure's `where` or a `having` entry. It has a scope of its own;
// a name it does not declare is looked up in the query around it (a
// correlated reference), outward through every enclosing subquery.

// subqueryExpr checks a scalar subquery or an exists.
func (c *checker) subqueryExpr(ctx *exprCtx, e spec.Expr) typed {
	switch e := e.(type) {
	case *spec.Exists:
		q, _, ok := c.subSelect(ctx, e.Query, e.Span, "exists")
		if !ok {
			return invalid
		}
		return typed{sql: &sqlast.Subquery{Kind: sqlast.ExistsSubquery, Query: q}, t: catalog.Of(catalog.Bool)}
	case *spec.Subquery:
		q, items, ok := c.subSelect(ctx, e.Query, e.Span, "a scalar subquery")
		if !ok || !c.oneColumn(e.Query, "a scalar subquery") {
			return invalid
		}
		if len(e.Query.GroupBy) > 0 || !items[0].agg || items[0].bare {
			c.ds.Errorf(spec.CodeSubquery, e.Query.Items[0].Pos(), "a scalar subquery must give one value, but this one can return several rows: select one aggregate, such as max(x) or count(*), without group by (or test rows with exists or in)")
			return invalid
		}
		x := items[0]
		return typed{sql: &sqlast.Subquery{Kind: sqlast.ScalarSubquery, Query: q}, t: x.t, null: x.null}
	}
	panic(fmt.Sprintf("compiler: unexpected %T", e))
}

// inSubquery checks x [not] in (select …).
func (c *checker) inSubquery(ctx *exprCtx, e *spec.In, x typed) typed {
	q, items, ok := c.subSelect(ctx, e.Query, e.Span, "in (select …)")
	if !ok || !c.oneColumn(e.Query, "in (select …)") {
		return invalid
	}
	c.comparable(x, items[0], e.Query.Items[0].Pos(), "in")
	out := &sqlast.Subquery{Kind: sqlast.InSubquery, X: x.sql, Not: e.Not, Query: q}
	return combine(out, catalog.Of(catalog.Bool), x)
}

func (c *checker) oneColumn(q *spec.Select, what string) bool {
	if len(q.Items) != 1 {
		c.ds.Errorf(spec.CodeSubquery, q.Items[1].Pos(), "%s selects one column, this one selects %d", what, len(q.Items))
		return false
	}
	return true
}

// subSelect checks the SELECT of a subquery and translates it.
func (c *checker) subSelect(ctx *exprCtx, q *spec.Select, at spec.Span, what string) (*sqlast.Select, []typed, bool) {
	if !ctx.subOK {
		c.ds.Errorf(spec.CodeSubquery, at, "%s is allowed in `where`, a join's `on`, a measure's `where` and `having` only, not in dimensions, measure expressions or formulas", what)
		return nil, nil, false
	}
	s := newScope(c.cat)
	out := &sqlast.Select{}
	ok := c.subTables(s, q, out)
	row := &exprCtx{scope: s, place: rowPlace, params: ctx.params, dropOK: ctx.dropOK, outer: ctx, subOK: true}
	grouped := &exprCtx{scope: s, place: measurePlace, params: ctx.params, dropOK: ctx.dropOK, outer: ctx, subOK: true}
	for i, j := range q.Joins {
		if on := c.subCondition(row, j.On, "join on"); on != nil {
			out.Joins[i].On = on
		} else {
			ok = false
		}
	}
	if q.Where != nil {
		if w := c.subCondition(row, q.Where, "where"); w != nil {
			out.Where = conjuncts(w)
		} else {
			ok = false
		}
	}
	for _, g := range q.GroupBy {
		x := c.expr(row, g)
		ok = ok && x.ok()
		out.GroupBy = append(out.GroupBy, x.sql)
	}
	if q.Having != nil {
		if h := c.subCondition(grouped, q.Having, "having"); h != nil {
			out.Having = conjuncts(h)
		} else {
			ok = false
		}
	}
	var items []typed
	for _, it := range q.Items {
		x := c.expr(grouped, it)
		if !x.ok() {
			ok = false
			continue
		}
		items = append(items, x)
		out.Columns = append(out.Columns, sqlast.SelectItem{Expr: x.sql})
	}
	if !ok {
		return nil, nil, false
	}
	return out, items, c.subGrouping(q, out, items)
}

// subCondition checks a condition of a subquery; nil when it is wrong.
func (c *checker) subCondition(ctx *exprCtx, e spec.Expr, what string) sqlast.Expr {
	if e == nil {
		return nil
	}
	x := c.expr(ctx, e)
	if !x.ok() {
		return nil
	}
	if !x.null && x.t.Kind != catalog.Bool {
		c.wantBool(x, e, what)
		return nil
	}
	return x.sql
}

// conjuncts splits a condition at its top-level ANDs, which the SQL then
// writes as WHERE a AND b.
func conjuncts(e sqlast.Expr) []sqlast.Expr {
	if b, ok := e.(*sqlast.Binary); ok && b.Op == "AND" {
		return append(conjuncts(b.L), conjuncts(b.R)...)
	}
	return []sqlast.Expr{e}
}

// subGrouping checks that a grouped subquery (group by, or an aggregate
// among its columns) selects no column outside an aggregate that it does
// not group by.
func (c *checker) subGrouping(q *spec.Select, out *sqlast.Select, items []typed) bool {
	grouped := len(q.GroupBy) > 0 || q.Having != nil
	for _, x := range items {
		grouped = grouped || x.agg
	}
	if !grouped {
		return true
	}
	keys := map[string]bool{}
	for _, g := range out.GroupBy {
		keys[sqlast.Format(g)] = true
	}
	exprs, at := []sqlast.Expr{}, []spec.Expr{}
	for i, x := range items {
		exprs, at = append(exprs, x.sql), append(at, q.Items[i])
	}
	if q.Having != nil {
		exprs, at = append(exprs, and(out.Having)), append(at, q.Having)
	}
	for i, x := range exprs {
		if col := ungrouped(x, keys, out); col != "" {
			c.ds.Errorf(spec.CodeNotAggregated, at[i].Pos(), "column %s is neither grouped by nor inside an aggregate in this subquery: add it to group by or aggregate it", col)
			return false
		}
	}
	return true
}

// ungrouped returns a column of the subquery's own tables that e reads
// outside any aggregate and outside any group by expression, or "".
func ungrouped(e sqlast.Expr, keys map[string]bool, q *sqlast.Select) string {
	if keys[sqlast.Format(e)] {
		return ""
	}
	switch e := e.(type) {
	case *sqlast.Func:
		if functions[e.Name].aggregate {
			return ""
		}
	case *sqlast.Column:
		if ownAlias(q, e.Table) {
			return e.Table + "." + e.Column
		}
		return ""
	case *sqlast.Subquery:
		return ungrouped(e.X, keys, q)
	}
	for _, x := range sqlast.Children(e) {
		if col := ungrouped(x, keys, q); col != "" {
			return col
		}
	}
	return ""
}

func ownAlias(q *sqlast.Select, alias string) bool {
	if q.From.Alias == alias {
		return true
	}
	for _, j := range q.Joins {
		if j.Table.Alias == alias {
			return true
		}
	}
	return false
}

// subTables declares the subquery's tables and sets FROM and JOIN (their
// conditions come later, once every alias is known).
func (c *checker) subTables(s *scope, q *spec.Select, out *sqlast.Select) bool {
	ok := true
	refs := []spec.TableRef{q.From}
	for _, j := range q.Joins {
		refs = append(refs, j.Table)
	}
	for i, ref := range refs {
		t := c.table(ref)
		ok = ok && t != nil
		if !c.addAlias(s, ref.Alias, t) {
			ok = false
		}
		st := sqlast.Table{Schema: c.subSchema(t, ref), Name: ref.Table.Value, Alias: ref.Alias.Value}
		if i == 0 {
			out.From = st
			continue
		}
		kind := sqlast.Inner
		if q.Joins[i-1].Left {
			kind = sqlast.Left
		}
		out.Joins = append(out.Joins, sqlast.Join{Kind: kind, Table: st})
	}
	return ok
}

// subSchema qualifies a subquery's table with its schema when written so,
// or when a CTE of the statement could have its name (a source, or one of
// the CTEs assay adds): a CTE hides a table of the same name.
func (c *checker) subSchema(t *catalog.Table, ref spec.TableRef) string {
	if t == nil {
		return ""
	}
	if ref.Schema.Value != "" {
		return t.Schema
	}
	names := []string{singleCTE, joinedCTE, stackedCTE, reportCTE}
	for _, src := range c.plan.spec.Sources {
		names = append(names, src.Name.Value)
	}
	for _, n := range names {
		if strings.EqualFold(n, ref.Table.Value) {
			return t.Schema
		}
	}
	return ""
}

// correlated resolves a name inside a subquery: the subquery's own
// aliases first, then the query around it.
func (c *checker) correlated(ctx *exprCtx, e *spec.Ident) typed {
	if ownsName(ctx.scope, e) {
		col, t, ok := c.column(ctx.scope, e)
		if !ok {
			return invalid
		}
		return typed{sql: col, t: t, bare: !ctx.inAgg}
	}
	for o := ctx.outer; o != nil; o = o.outer {
		if o.scope == nil && !c.outputName(e) {
			continue // having: only the report's names; report others inside
		}
		if o.scope == nil || ownsName(o.scope, e) {
			x := c.ident(o, e)
			// A value of the outer row is a constant for the subquery.
			x.bare, x.agg = false, false
			return x
		}
	}
	col, t, ok := c.column(ctx.scope, e)
	if !ok {
		return invalid
	}
	return typed{sql: col, t: t, bare: !ctx.inAgg}
}

// outputName reports whether e is a bare name of the report's rows.
func (c *checker) outputName(e *spec.Ident) bool {
	if len(e.Parts) != 1 {
		return false
	}
	_, ok := c.plan.Column(e.Parts[0])
	return ok
}

// ownsName reports whether scope s declares the alias of alias.col, or a
// table with the bare column col.
func ownsName(s *scope, e *spec.Ident) bool {
	if len(e.Parts) == 2 {
		_, ok := s.aliases[e.Parts[0]]
		return ok
	}
	if len(e.Parts) != 1 {
		return true
	}
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil {
			if _, ok := t.Column(e.Parts[0]); ok {
				return true
			}
		}
	}
	return false
}

// allowSubqueries lets the entry e of ctx hold subqueries.
func (c *checker) allowSubqueries(ctx *exprCtx, e spec.Expr) *exprCtx {
	ctx.subOK = true
	if c.subAliases == nil {
		c.subAliases = map[string]bool{}
	}
	subqueryAliases(e, c.subAliases)
	return ctx
}

// subqueryAliases lists the aliases declared by the subqueries in e, for
// the hint of an unknown alias outside them.
func subqueryAliases(e spec.Expr, into map[string]bool) {
	spec.Walk(e, func(x spec.Expr) bool {
		var q *spec.Select
		switch x := x.(type) {
		case *spec.Subquery:
			q = x.Query
		case *spec.Exists:
			q = x.Query
		case *spec.In:
			q = x.Query
		}
		if q != nil {
			into[q.From.Alias.Value] = true
			for _, j := range q.Joins {
				into[j.Table.Alias.Value] = true
			}
			for _, y := range spec.SelectExprs(q) {
				subqueryAliases(y, into)
			}
		}
		return true
	})
}
