package compiler

import (
	"fmt"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// checker holds the state of checking one report.
type checker struct {
	cat  *catalog.Catalog
	ds   spec.Diagnostics
	plan *Plan
	used map[string]bool // params referenced anywhere
}

// Compile checks r against cat and builds its plan. The plan must not be
// used when the diagnostics hold an error.
func Compile(r *spec.Report, cat *catalog.Catalog) (*Plan, spec.Diagnostics) {
	c := &checker{cat: cat, plan: &Plan{Report: r}, used: map[string]bool{}}
	c.params(r.Params)
	switch len(r.Sources) {
	case 0:
	case 1:
		c.source(r.Sources[0])
	default:
		c.ds.Errorf(spec.CodeUnsupported, r.Sources[1].Name.Span, "reports with several sources are not implemented in this version of assay")
	}
	c.order(r)
	if r.Limit != nil {
		n := r.Limit.N
		c.plan.query.Limit = &n
	}
	for _, p := range c.plan.Params {
		if !c.used[p.Name] {
			c.ds.Warnf(spec.CodeUnusedParam, p.Spec.Name.Span, "param %q is declared but never used", p.Name)
		}
	}
	return c.plan, c.ds.Sort()
}

func (c *checker) source(src *spec.Source) {
	s := newScope(c.cat)
	q := &sqlast.Select{Comment: comment(c.plan.Report, src)}
	c.plan.query = q
	if src.From.Table.Value == "" {
		return
	}
	from := c.table(src.From)
	c.addAlias(s, src.From.Alias, from)
	q.From = sqlast.Table{Schema: schemaOf(from, src.From), Name: src.From.Table.Value, Alias: src.From.Alias.Value}
	for _, j := range src.Joins {
		c.join(s, q, j)
	}
	for _, w := range src.Where {
		c.where(s, w)
	}
	c.outputs(s, q, src)
}

func schemaOf(t *catalog.Table, ref spec.TableRef) string {
	if t != nil && ref.Schema.Value != "" {
		return t.Schema
	}
	return ""
}

func comment(r *spec.Report, src *spec.Source) string {
	if r.File == nil {
		return "report " + r.Name.Value
	}
	line, _ := r.File.Position(src.Span.Start)
	return fmt.Sprintf("report %s (%s:%d)", r.Name.Value, r.File.Name, line)
}

var joinKinds = map[string]sqlast.JoinKind{"inner": sqlast.Inner, "left": sqlast.Left, "right": sqlast.Right, "full": sqlast.Full}

func (c *checker) join(s *scope, q *sqlast.Select, j *spec.Join) {
	var t *catalog.Table
	if j.Table.Table.Value != "" {
		t = c.table(j.Table)
	}
	c.addAlias(s, j.Alias, t)
	out := sqlast.Join{Kind: joinKinds[j.Kind.Value], Table: sqlast.Table{Schema: schemaOf(t, j.Table), Name: j.Table.Table.Value, Alias: j.Alias.Value}}
	if out.Kind == "" {
		out.Kind = sqlast.Inner
	}
	if j.On != nil {
		ctx := &exprCtx{scope: s, place: rowPlace, params: map[string]bool{}}
		on := c.expr(ctx, j.On)
		if on.ok() {
			c.wantBool(on, j.On, "join on")
			out.On = on.sql
		}
	}
	if out.On == nil {
		out.On = &sqlast.Literal{Kind: sqlast.Boolean, Value: true}
	}
	q.Joins = append(q.Joins, out)
}

func (c *checker) where(s *scope, w spec.Expr) {
	ctx := &exprCtx{scope: s, place: rowPlace, params: map[string]bool{}}
	x := c.expr(ctx, w)
	if !x.ok() {
		return
	}
	c.wantBool(x, w, "where")
	f := filter{expr: x.sql}
	for name := range ctx.params {
		if p := c.plan.Param(name); p != nil && p.Optional {
			f.params = append(f.params, name)
		}
	}
	c.plan.filters = append(c.plan.filters, f)
}

// outputs checks dimensions and measures and builds the select list.
func (c *checker) outputs(s *scope, q *sqlast.Select, src *spec.Source) {
	seen := map[string]bool{}
	add := func(name spec.Str, x typed) {
		if seen[name.Value] {
			c.ds.Errorf(spec.CodeDuplicate, name.Span, "output name %q is used twice", name.Value)
			return
		}
		seen[name.Value] = true
		q.Columns = append(q.Columns, sqlast.SelectItem{Expr: x.sql, Alias: name.Value})
		c.plan.Columns = append(c.plan.Columns, Column{Name: name.Value, Type: x.t})
	}
	c.plan.Listing = len(src.Measures) == 0
	q.Distinct = src.Distinct
	for _, d := range src.Dimensions {
		if x := c.dimension(s, d); x.ok() {
			add(d.Name, x)
			if !c.plan.Listing {
				q.GroupBy = append(q.GroupBy, x.sql)
			}
		}
	}
	for _, m := range src.Measures {
		if x := c.measure(s, m); x.ok() {
			add(m.Name, x)
		}
	}
	if len(src.Dimensions) == 0 && len(src.Measures) == 0 {
		c.ds.Errorf(spec.CodeMissingKey, src.Name.Span, "the report has neither dimensions nor measures: nothing to show")
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
	return x
}

func (c *checker) measure(s *scope, m *spec.Measure) typed {
	if m.Expr == nil {
		return invalid
	}
	ctx := &exprCtx{scope: s, place: measurePlace, params: map[string]bool{}}
	if m.Where != nil {
		f := c.expr(&exprCtx{scope: s, place: rowPlace, params: ctx.params}, m.Where)
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
	if x.bare || !x.agg {
		c.ds.Errorf(spec.CodeNotAggregated, m.Expr.Pos(), "measure %q uses a column outside an aggregate: wrap it in sum(), count(), min() …, or make it a dimension", m.Name.Value)
		return invalid
	}
	return x
}

// order resolves order entries against the output names.
func (c *checker) order(r *spec.Report) {
	if c.plan.query == nil {
		c.plan.query = &sqlast.Select{}
	}
	var names []string
	for _, col := range c.plan.Columns {
		names = append(names, col.Name)
	}
	for _, o := range r.Order {
		if !contains(names, o.Name.Value) {
			c.ds.Errorf(spec.CodeUnknownName, o.Name.Span, "order by %q: no output column has that name%s", o.Name.Value, spec.DidYouMean(o.Name.Value, names))
			continue
		}
		item := sqlast.OrderItem{Expr: &sqlast.Column{Column: o.Name.Value}, Desc: o.Desc}
		if o.NullsFirst != nil {
			item.NullsFirst = *o.NullsFirst
		}
		c.plan.query.OrderBy = append(c.plan.query.OrderBy, item)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
