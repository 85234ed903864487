package compiler

import (
	"sort"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// windowHelpers are the functions allowed only in formulas, with their
// argument counts: the metric, for some a time dimension, for the period
// offsets an optional number of periods.
var windowHelpers = map[string][2]int{
	"total": {1, 1}, "share": {1, 1}, "rank": {1, 1}, "running_sum": {2, 2},
	"previous": {2, 3}, "change": {2, 3}, "pct_change": {2, 3}, "next": {2, 3},
}

func (c *checker) windowHelper(ctx *exprCtx, e *spec.Call) typed {
	n := windowHelpers[e.Name]
	switch {
	case ctx.place != formulaPlace:
		c.ds.Errorf(spec.CodeWindow, e.NameSpan, "%s() works over all rows of the report: use it in a formula and refer to the formula by name", e.Name)
		return invalid
	case ctx.inWindow:
		c.nestedWindow(e)
		return invalid
	case len(e.Args) < n[0] || len(e.Args) > n[1] || e.Star || e.Distinct || e.Filter != nil:
		form := map[int]string{1: e.Name + "(metric)", 2: e.Name + "(metric, time_dimension)"}[n[0]]
		if n[1] == 3 {
			form = e.Name + "(metric, time_dimension[, periods])"
		}
		c.ds.Errorf(spec.CodeArgs, e.Span, "write %s", form)
		return invalid
	case e.Dir != "" && e.Name != "rank":
		c.ds.Errorf(spec.CodeArgs, e.DirSpan, "%s is written only in rank(metric %s)", e.Dir, e.Dir)
		return invalid
	}
	part, ok := c.partition(e)
	if !ok {
		return invalid
	}
	inner := *ctx
	inner.inWindow = true
	m := c.expr(&inner, e.Args[0])
	if !m.ok() || !c.numeric(m, e.Args[0], e.Name+"()") || !c.noWindowIn(m, e) {
		return invalid
	}
	switch e.Name {
	case "total":
		return c.windowSum(m, part, "", false)
	case "share":
		total := c.windowSum(m, part, "", false)
		return typed{sql: &sqlast.SafeDiv{L: m.sql, R: total.sql}, t: catalog.Of(catalog.Float64)}
	case "rank":
		w := &sqlast.Window{Func: "RANK", PartitionBy: part, OrderBy: []sqlast.OrderItem{{Expr: m.sql, Desc: e.Dir != "asc"}}}
		return typed{sql: w, t: catalog.Of(catalog.Int64)}
	}
	dim, ok := c.timeDimension(e)
	if !ok || !c.notPartitionedBy(e, dim) {
		return invalid
	}
	if e.Name == "running_sum" {
		return c.windowSum(m, part, dim, e.Over == nil)
	}
	periods, ok := c.periods(e)
	if !ok {
		return invalid
	}
	return c.previous(e.Name, m, dim, periods)
}

// levelPartition partitions windows by grouping set, so that subtotal rows
// are compared with the subtotals of the same dimension and not with
// detail rows or other subtotals.
func (c *checker) levelPartition() []sqlast.Expr {
	if !c.plan.totals {
		return nil
	}
	return []sqlast.Expr{&sqlast.Column{Table: c.plan.rel, Column: setColumn}}
}

// windowSum is SUM(m) OVER the partition, or with dim a running sum
// along dim: within the other dimensions (others), or within the
// partition, where rows with the same value of dim count together.
func (c *checker) windowSum(m typed, part []sqlast.Expr, dim string, others bool) typed {
	w := &sqlast.Window{Func: "SUM", Arg: m.sql, PartitionBy: part}
	if dim != "" {
		if others {
			w.PartitionBy = append(w.PartitionBy, c.otherDims(dim)...)
			w.Running = true
		}
		w.OrderBy = []sqlast.OrderItem{{Expr: &sqlast.Column{Table: c.plan.rel, Column: dim}}}
	}
	t := sumType(m.t)
	return typed{sql: &sqlast.Cast{X: w, Type: t}, t: t}
}

func (c *checker) otherDims(dim string) []sqlast.Expr {
	var out []sqlast.Expr
	for _, d := range c.plan.Dimensions {
		if d != dim {
			out = append(out, &sqlast.Column{Table: c.plan.rel, Column: d})
		}
	}
	return out
}

// sumType is the type of a sum of values of t (spec: sum of integers is
// int64, of decimal(p,s) decimal(38,s), of floats float64).
func sumType(t catalog.Type) catalog.Type {
	switch {
	case t.Kind.IsInteger():
		return catalog.Of(catalog.Int64)
	case t.Kind == catalog.Decimal:
		_, s := decimalShape(t)
		return catalog.Type{Kind: catalog.Decimal, Precision: 38, Scale: s}
	}
	return catalog.Of(catalog.Float64)
}

// timeDimension reads the second argument: the name of a dimension that
// is a time grain such as week(v.day).
func (c *checker) timeDimension(e *spec.Call) (string, bool) {
	id, ok := e.Args[1].(*spec.Ident)
	if !ok || len(id.Parts) != 1 {
		c.ds.Errorf(spec.CodeWindow, e.Args[1].Pos(), "the second argument of %s() is the name of a time dimension, such as week", e.Name)
		return "", false
	}
	name := id.Parts[0]
	if _, ok := c.names.grains[name]; !ok {
		var grains []string
		for g := range c.names.grains {
			grains = append(grains, g)
		}
		sort.Strings(grains)
		hint := spec.DidYouMean(name, grains)
		if contains(c.plan.Dimensions, name) && len(grains) > 0 {
			hint = " (time dimensions of this report: " + strings.Join(grains, ", ") + ")"
		}
		c.ds.Errorf(spec.CodeWindow, id.Span, "%s(…, %s): %q is not a time-grain dimension (define it as day(…), week(…), month(…), quarter(…) or year(…))%s",
			e.Name, name, name, hint)
		return "", false
	}
	return name, true
}

// previous reads m on the row n calendar periods of dim before (next:
// after) with the same other dimensions, through a self join; a missing
// period gives NULL.
func (c *checker) previous(fn string, m typed, dim string, n int) typed {
	if fn == "next" {
		n = -n
	}
	alias := c.prevJoin(dim, n)
	prev := sqlast.Retarget(m.sql, c.plan.rel, alias)
	switch fn {
	case "previous", "next":
		return typed{sql: prev, t: m.t}
	case "change":
		return typed{sql: &sqlast.Binary{Op: "-", L: m.sql, R: prev}, t: arithmeticType("-", m, typed{t: m.t})}
	}
	return typed{sql: &sqlast.SafeDiv{L: &sqlast.Binary{Op: "-", L: m.sql, R: prev}, R: prev}, t: catalog.Of(catalog.Float64)}
}

// prevJoin adds (once per dimension and offset) the self join to the
// period n before (a negative n: after).
func (c *checker) prevJoin(dim string, n int) string {
	p := c.plan
	alias := offsetAlias(dim, n)
	for _, j := range p.prevJoins {
		if j.Table.Alias == alias {
			return alias
		}
	}
	col, _ := p.Column(dim)
	on := []sqlast.Expr{&sqlast.Binary{Op: "=", L: &sqlast.Column{Table: alias, Column: dim},
		R: c.shiftBack(&sqlast.Column{Table: p.rel, Column: dim}, n, c.names.grains[dim], col.Type)}}
	keys := c.otherDimNames(dim)
	if p.totals {
		keys = append(keys, setColumn)
	}
	for _, k := range keys {
		on = append(on, &sqlast.Binary{Op: "IS NOT DISTINCT FROM", L: &sqlast.Column{Table: alias, Column: k}, R: &sqlast.Column{Table: p.rel, Column: k}})
	}
	p.prevJoins = append(p.prevJoins, sqlast.Join{Kind: sqlast.Left, Table: sqlast.Table{Name: p.rel, Alias: alias}, On: and(on)})
	return alias
}

func (c *checker) otherDimNames(dim string) []string {
	var out []string
	for _, d := range c.plan.Dimensions {
		if d != dim {
			out = append(out, d)
		}
	}
	return out
}
