package compiler

import (
	"strconv"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// windowAggregates are the aggregates a formula may take over the grouped
// rows, as windows: sum(revenue) over (partition by region).
var windowAggregates = map[string]bool{"sum": true, "avg": true, "min": true, "max": true, "count": true}

// partition is the PARTITION BY of a window helper or window aggregate:
// the totals level, then the dimensions of its over (partition by …).
func (c *checker) partition(e *spec.Call) ([]sqlast.Expr, bool) {
	part := c.levelPartition()
	if e.Over == nil {
		return part, true
	}
	ok := true
	seen := map[string]bool{}
	for _, id := range e.Over.Partition {
		name := id.Parts[0]
		switch {
		case len(id.Parts) != 1 || !contains(c.plan.Dimensions, name):
			c.ds.Errorf(spec.CodeWindow, id.Span, "partition by %q: a window partitions the report's rows by its dimensions (%s)%s",
				spec.Format(id), joinNames(c.plan.Dimensions), spec.DidYouMean(name, c.plan.Dimensions))
			ok = false
		case seen[name]:
			c.ds.Errorf(spec.CodeWindow, id.Span, "partition by %q twice", name)
			ok = false
		default:
			seen[name] = true
			part = append(part, &sqlast.Column{Table: c.plan.rel, Column: name})
		}
	}
	return part, ok
}

// notPartitionedBy refuses a partition by the dimension a running sum or
// a period offset moves along: its partitions would hold one period each.
func (c *checker) notPartitionedBy(e *spec.Call, dim string) bool {
	if e.Over == nil {
		return true
	}
	for _, id := range e.Over.Partition {
		if len(id.Parts) == 1 && id.Parts[0] == dim {
			c.ds.Errorf(spec.CodeWindow, id.Span, "%s(…, %s) moves along %s: it cannot also be partitioned by it", e.Name, dim, dim)
			return false
		}
	}
	return true
}

// periods reads the optional third argument of a period offset: a whole
// number of periods, 1 or more (1 when absent).
func (c *checker) periods(e *spec.Call) (int, bool) {
	if len(e.Args) < 3 {
		return 1, true
	}
	lit, ok := e.Args[2].(*spec.NumberLit)
	n, err := 0, error(nil)
	if ok && lit.IsInt {
		n, err = strconv.Atoi(lit.Text)
	}
	if !ok || !lit.IsInt || err != nil || n < 1 || n > 1000 {
		other := map[string]string{"next": "previous", "previous": "next"}[e.Name]
		hint := ""
		if other != "" {
			hint = " (to look the other way write " + other + "())"
		}
		c.ds.Errorf(spec.CodeArgs, e.Args[2].Pos(), "the third argument of %s() is a whole number of periods from 1 to 1000, such as 12%s", e.Name, hint)
		return 0, false
	}
	return n, true
}

// offsetAlias names the self join to the period n before (negative:
// after): prev_week, prev2_week, next_week, next2_week. Dimension names
// start with a letter, so the digits cannot make two names collide.
func offsetAlias(dim string, n int) string {
	switch {
	case n == 1:
		return "prev_" + dim
	case n > 1:
		return "prev" + strconv.Itoa(n) + "_" + dim
	case n == -1:
		return "next_" + dim
	}
	return "next" + strconv.Itoa(-n) + "_" + dim
}

// noWindowIn refuses a metric that is itself computed by a window where
// that cannot work: inline (a backstop: window helpers inside window
// helpers are refused earlier), or in a period offset, whose self join
// reads the relation, where no window formula is.
func (c *checker) noWindowIn(m typed, e *spec.Call) bool {
	offset := map[string]bool{"previous": true, "next": true, "change": true, "pct_change": true}[e.Name]
	if hasWindow(m.sql) || (offset && layerDepth(m.sql) > 0) {
		c.ds.Errorf(spec.CodeWindow, e.Args[0].Pos(), "%s() of a value computed by a window helper or window aggregate: a period offset reads the grouped rows of another period; compute it from measures", e.Name)
		return false
	}
	return true
}

// nestedWindow reports a window helper or window aggregate written inside
// another one. A period offset is a self join, not a window: as a formula
// of its own it can be ranked or summed; windows cannot nest.
func (c *checker) nestedWindow(e *spec.Call) {
	switch e.Name {
	case "previous", "next", "change", "pct_change":
		c.ds.Errorf(spec.CodeWindow, e.NameSpan, "%s() cannot be used inside another window helper; make the inner one a formula of its own", e.Name)
	default:
		c.ds.Errorf(spec.CodeWindow, e.NameSpan, "%s() cannot be used inside another window helper or window aggregate: windows do not nest; compute the inner value from measures", e.Name)
	}
}

func hasWindow(e sqlast.Expr) bool {
	if _, ok := e.(*sqlast.Window); ok {
		return true
	}
	for _, x := range sqlast.Children(e) {
		if hasWindow(x) {
			return true
		}
	}
	return false
}

// windowAggregate is sum, avg, min, max or count in a formula: the
// aggregate over the grouped rows of the window (all rows of the totals
// level, or those sharing the partition's dimensions).
func (c *checker) windowAggregate(ctx *exprCtx, e *spec.Call) typed {
	switch {
	case ctx.inWindow:
		c.nestedWindow(e)
		return invalid
	case e.Distinct || e.Filter != nil:
		c.ds.Errorf(spec.CodeArgs, e.Span, "%s() over the grouped rows takes no distinct or filter: use a measure for that", e.Name)
		return invalid
	case len(e.Args) != 1 && !e.Star:
		c.ds.Errorf(spec.CodeArgs, e.Span, "write %s(name) over (partition by dimension, …)", e.Name)
		return invalid
	case e.Star && e.Name != "count":
		c.ds.Errorf(spec.CodeArgs, e.Span, "only count(*) takes *")
		return invalid
	case e.Dir != "":
		c.ds.Errorf(spec.CodeArgs, e.DirSpan, "%s is written only in rank(metric %s)", e.Dir, e.Dir)
		return invalid
	}
	part, ok := c.partition(e)
	if !ok {
		return invalid
	}
	if e.Star {
		w := &sqlast.Window{Func: "COUNT", Arg: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}, PartitionBy: part}
		return typed{sql: &sqlast.Cast{X: w, Type: catalog.Of(catalog.Int64)}, t: catalog.Of(catalog.Int64)}
	}
	inner := *ctx
	inner.inWindow = true
	m := c.expr(&inner, e.Args[0])
	if !m.ok() || !c.noWindowIn(m, e) {
		return invalid
	}
	win := func(fn string) *sqlast.Window { return &sqlast.Window{Func: fn, Arg: m.sql, PartitionBy: part} }
	switch e.Name {
	case "count":
		return typed{sql: &sqlast.Cast{X: win("COUNT"), Type: catalog.Of(catalog.Int64)}, t: catalog.Of(catalog.Int64)}
	case "min", "max":
		return typed{sql: &sqlast.Cast{X: win(upper(e.Name)), Type: m.t}, t: m.t}
	}
	if !c.numeric(m, e.Args[0], e.Name+"()") {
		return invalid
	}
	if e.Name == "sum" {
		return c.windowSum(m, part, "", false)
	}
	// avg: the exact sum over the count, as the avg measure computes it.
	return typed{sql: &sqlast.SafeDiv{L: win("SUM"), R: win("COUNT")}, t: catalog.Of(catalog.Float64)}
}

func upper(s string) string {
	return map[string]string{"min": "MIN", "max": "MAX"}[s]
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}
