package compiler

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// source checks one source and adds its plan. It adds nothing when the
// source is too broken to plan.
func (c *checker) source(src *spec.Source, index int) {
	r := c.plan.spec
	sp := &sourcePlan{name: src.Name.Value, cte: src.Name.Value, counts: map[string]bool{}}
	if r.Shorthand {
		sp.cte = singleCTE
	} else if contains([]string{singleCTE, joinedCTE, reportCTE, stackedCTE}, src.Name.Value) {
		c.ds.Errorf(spec.CodeBadName, src.Name.Span, "a source cannot be called %q: assay uses that name in the SQL it writes", src.Name.Value)
	} else {
		sp.cte = c.cteName(src)
	}
	sp.sel = &sqlast.Select{Comment: comment(r, src)}
	if src.From.Table.Value == "" {
		return
	}
	defer func() { c.plan.sources = append(c.plan.sources, sp) }()
	s := newScope(c.cat)
	from := c.table(src.From)
	c.addAlias(s, src.From.Alias, from)
	sp.sel.From = sqlast.Table{Schema: schemaOf(from, src.From), Name: src.From.Table.Value, Alias: src.From.Alias.Value}
	graph := newJoinGraph(src.From.Alias.Value)
	graph.rootTable = from
	for _, j := range src.Joins {
		s.later = append(s.later, j.Alias.Value)
	}
	for _, j := range src.Joins {
		s.later = s.later[1:]
		c.join(s, sp.sel, j, graph)
	}
	sp.relations = graph.relations()
	for _, w := range src.Where {
		if f, ok := c.where(s, w); ok {
			sp.filters = append(sp.filters, f)
		}
	}
	c.outputs(s, sp, src, graph)
}

func schemaOf(t *catalog.Table, ref spec.TableRef) string {
	if t != nil && ref.Schema.Value != "" {
		return t.Schema
	}
	return ""
}

func comment(r *spec.Report, src *spec.Source) string {
	where := ""
	if r.File != nil {
		line, _ := r.File.Position(src.Span.Start)
		where = fmt.Sprintf(" (%s:%d)", r.File.Name, line)
	}
	if r.Shorthand {
		return "report " + r.Name.Value + where
	}
	return "source " + src.Name.Value + " of report " + r.Name.Value + where
}

var joinKinds = map[string]sqlast.JoinKind{"inner": sqlast.Inner, "left": sqlast.Left, "right": sqlast.Right, "full": sqlast.Full}

func (c *checker) join(s *scope, q *sqlast.Select, j *spec.Join, g *joinGraph) {
	var t *catalog.Table
	if j.Table.Table.Value != "" {
		t = c.table(j.Table)
	}
	fresh := c.addAlias(s, j.Alias, t)
	out := sqlast.Join{Kind: joinKinds[j.Kind.Value], Table: sqlast.Table{Schema: schemaOf(t, j.Table), Name: j.Table.Table.Value, Alias: j.Alias.Value}}
	if out.Kind == "" {
		out.Kind = sqlast.Inner
	}
	if j.On != nil {
		ctx := c.allowSubqueries(&exprCtx{scope: s, place: rowPlace, params: map[string]bool{}}, j.On)
		on := c.expr(ctx, j.On)
		if on.ok() {
			c.wantBool(on, j.On, "join on")
			out.On = on.sql
			// A join that did not check is left out of fan-out analysis,
			// so that one mistake is not reported twice.
			if fresh && t != nil && (on.t.Kind == catalog.Bool || on.null) {
				g.add(s, j, t)
			}
		}
	}
	if out.On == nil {
		out.On = &sqlast.Literal{Kind: sqlast.Boolean, Value: true}
	}
	q.Joins = append(q.Joins, out)
}

func (c *checker) where(s *scope, w spec.Expr) (filter, bool) {
	ctx := c.allowSubqueries(&exprCtx{scope: s, place: rowPlace, params: map[string]bool{}, dropOK: true}, w)
	x := c.expr(ctx, w)
	if !x.ok() {
		return filter{}, false
	}
	c.wantBool(x, w, "where")
	return c.filterOf(x, ctx), true
}

// filterOf is a where or having entry with the optional params that,
// when absent, drop it.
func (c *checker) filterOf(x typed, ctx *exprCtx) filter {
	f := filter{expr: x.sql}
	for name := range ctx.params {
		if p := c.plan.Param(name); p != nil && p.Optional {
			f.params = append(f.params, name)
		}
	}
	sort.Strings(f.params)
	return f
}

// outputs checks dimensions and measures and builds the select list.
func (c *checker) outputs(s *scope, sp *sourcePlan, src *spec.Source, g *joinGraph) {
	q := sp.sel
	listing := len(src.Measures) == 0
	if len(c.plan.sources) == 0 {
		c.plan.Listing = listing
	} else if listing != c.plan.Listing {
		c.ds.Errorf(spec.CodeShape, src.Name.Span, "every source of a report needs measures (a listing has a single source)")
	}
	q.Distinct = src.Distinct
	var groupBy []sqlast.Expr
	// A dimension or measure that does not check still gets its name (of
	// unknown type), so that formulas using it do not report it again.
	for _, d := range src.Dimensions {
		x := c.dimension(s, d)
		sp.dims = append(sp.dims, Column{Name: d.Name.Value, Type: x.t})
		if x.ok() {
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: x.sql, Alias: d.Name.Value})
			groupBy = append(groupBy, x.sql)
		}
	}
	if !listing {
		c.grouping(sp, groupBy)
	}
	for _, m := range src.Measures {
		x := c.measure(s, m, g)
		sp.measures = append(sp.measures, Column{Name: m.Name.Value, Type: x.t})
		if x.ok() {
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: x.sql, Alias: m.Name.Value})
			if call, ok := m.Expr.(*spec.Call); ok && call.Name == "count" {
				sp.counts[m.Name.Value] = true
			}
		}
	}
	if len(src.Dimensions) == 0 && len(src.Measures) == 0 {
		c.ds.Errorf(spec.CodeMissingKey, src.Name.Span, "the report has neither dimensions nor measures: nothing to show")
	}
}

// grouping sets GROUP BY, or GROUPING SETS and the _level column for totals.
func (c *checker) grouping(sp *sourcePlan, dims []sqlast.Expr) {
	t := c.plan.spec.Totals
	if t == nil || len(dims) == 0 {
		sp.sel.GroupBy = dims
		return
	}
	sets := [][]sqlast.Expr{dims}
	if t.Rollup {
		sets = append(sets, rollupSets(t, sp.dims, dims)...)
	} else {
		for _, name := range t.Dims {
			for i, d := range sp.dims {
				if d.Name == name.Value && len(dims) > 1 {
					sets = append(sets, []sqlast.Expr{dims[i]})
				}
			}
		}
		sets = append(sets, nil)
	}
	sp.sel.GroupingSets = sets
	var level sqlast.Expr
	for _, d := range dims {
		g := &sqlast.Func{Name: "grouping", Args: []sqlast.Expr{d}}
		if level == nil {
			level = g
		} else {
			level = &sqlast.Binary{Op: "+", L: level, R: g}
		}
	}
	sp.sel.Columns = append(sp.sel.Columns, sqlast.SelectItem{Expr: &sqlast.Cast{X: level, Type: catalog.Of(catalog.Int64)}, Alias: LevelColumn})
	if c.plan.sets {
		set := &sqlast.Func{Name: "grouping", Args: dims}
		sp.sel.Columns = append(sp.sel.Columns, sqlast.SelectItem{Expr: &sqlast.Cast{X: set, Type: catalog.Of(catalog.Int64)}, Alias: setColumn})
	}
}

func (c *checker) dimension(s *scope, d *spec.Dimension) typed {
	if d.Expr == nil {
		return invalid
	}
	x := c.expr(&exprCtx{scope: s, place: rowPlace, params: map[string]bool{}}, d.Expr)
	if x.ok() && x.null {
		x.t = catalog.Of(catalog.Text)
	}
	if lit, ok := x.sql.(*sqlast.Literal); ok {
		// A bare constant in GROUP BY is a position (an integer) or an
		// error (text on PostgreSQL); cast, it is an expression like any other.
		x.sql = &sqlast.Cast{X: lit, Type: x.t}
	}
	return x
}

func (c *checker) measure(s *scope, m *spec.Measure, g *joinGraph) typed {
	if m.Expr == nil {
		return invalid
	}
	ctx := &exprCtx{scope: s, place: measurePlace, params: map[string]bool{}, measure: m, graph: g}
	if m.Where != nil {
		f := c.expr(c.allowSubqueries(&exprCtx{scope: s, place: rowPlace, params: ctx.params, inFilter: true}, m.Where), m.Where)
		if !f.ok() {
			return invalid
		}
		c.wantBool(f, m.Where, "a measure's where")
		ctx.filter = f.sql
	}
	x := c.expr(ctx, m.Expr)
	if !x.ok() {
		return invalid
	}
	if !x.agg && !x.bare {
		c.ds.Errorf(spec.CodeNotAggregated, m.Expr.Pos(), "measure %q aggregates nothing: a measure is an aggregate such as count(*) or sum(x); a constant belongs in a formula", m.Name.Value)
		return invalid
	}
	if x.bare {
		c.ds.Errorf(spec.CodeNotAggregated, m.Expr.Pos(), "measure %q uses a column outside an aggregate: wrap it in sum(), count(), min() …, or make it a dimension", m.Name.Value)
		return invalid
	}
	return x
}

// cteName is the name of a source's CTE: the source's name, unless another
// source reads a table of that name, which the CTE would hide from it;
// then the first of name_source, name_source2, … that no table, source or
// CTE of assay's has.
func (c *checker) cteName(src *spec.Source) string {
	name := src.Name.Value
	if !c.readElsewhere(src, name) {
		return name
	}
	taken := func(n string) bool {
		if contains([]string{singleCTE, joinedCTE, reportCTE, stackedCTE}, n) {
			return true
		}
		for _, s := range c.plan.spec.Sources {
			if strings.EqualFold(s.Name.Value, n) {
				return true
			}
		}
		for _, t := range c.cat.Sorted() {
			if strings.EqualFold(t.Name, n) {
				return true
			}
		}
		return false
	}
	for i := 1; ; i++ {
		n := name + "_source"
		if i > 1 {
			n += strconv.Itoa(i)
		}
		if !taken(n) {
			return n
		}
	}
}

// readElsewhere reports whether a source other than src reads the table
// name without a schema (a schema-qualified name is never a CTE's).
func (c *checker) readElsewhere(src *spec.Source, name string) bool {
	for _, s := range c.plan.spec.Sources {
		if s == src {
			continue
		}
		refs := []spec.TableRef{s.From}
		for _, j := range s.Joins {
			refs = append(refs, j.Table)
		}
		for _, r := range refs {
			if r.Schema.Value == "" && strings.EqualFold(r.Table.Value, name) {
				return true
			}
		}
	}
	return false
}
