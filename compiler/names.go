package compiler

import (
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// nameScope holds the output names formulas, having and order refer to.
type nameScope struct {
	cols     map[string]Column        // dimensions, _level and measures
	formulas map[string]*spec.Formula // by name
	done     map[string]typed         // checked formulas
	visiting []string                 // formulas being checked, for cycles
	grains   map[string]string        // time-grain dimensions: name → grain
	order    []string                 // every name, in output order
	sizes    map[sqlast.Expr]int      // expanded sizes of formula trees
}

// shared checks that the sources agree on their dimensions and sets the
// relation formulas read.
func (c *checker) shared() {
	p := c.plan
	first := p.sources[0]
	for _, d := range first.dims {
		p.Dimensions = append(p.Dimensions, d.Name)
	}
	p.rel = first.cte
	if len(p.sources) > 1 {
		p.rel = joinedCTE
	}
	for i, s := range p.sources[1:] {
		src := p.spec.Sources[i+1]
		if !sameNames(first.dims, s.dims) {
			c.ds.Errorf(spec.CodeShape, src.Name.Span, "source %q has dimensions (%s) but source %q has (%s): sources are joined on their dimensions, so they must declare the same names",
				s.name, names(s.dims), first.name, names(first.dims))
			continue
		}
		for j, d := range s.dims {
			if !compatible(typed{t: first.dims[j].Type}, typed{t: d.Type}) {
				c.ds.Errorf(spec.CodeType, src.Name.Span, "dimension %q is %s in source %q but %s in source %q", d.Name, article(d.Type.Kind), s.name, article(first.dims[j].Type.Kind), first.name)
			}
		}
	}
	seen := map[string]string{}
	for _, d := range p.Dimensions {
		seen[d] = "a dimension"
	}
	for i, s := range p.sources {
		for _, m := range s.measures {
			if other, dup := seen[m.Name]; dup {
				c.ds.Errorf(spec.CodeDuplicate, measureSpan(p.spec.Sources[i], m.Name), "output name %q is used twice (it is also %s)", m.Name, other)
			}
			if len(p.sources) > 1 {
				seen[m.Name] = "a measure of source " + s.name
			} else {
				seen[m.Name] = "a measure"
			}
		}
	}
}

func measureSpan(src *spec.Source, name string) spec.Span {
	for _, m := range src.Measures {
		if m.Name.Value == name {
			return m.Name.Span
		}
	}
	return src.Name.Span
}

func sameNames(a, b []Column) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

func names(cols []Column) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Name
	}
	return strings.Join(out, ", ")
}

// nameScope collects dimensions, _level and measures as plan names.
func (c *checker) nameScope() *nameScope {
	p := c.plan
	ns := &nameScope{cols: map[string]Column{}, formulas: map[string]*spec.Formula{}, done: map[string]typed{}, grains: map[string]string{}, sizes: map[sqlast.Expr]int{}}
	add := func(col Column) {
		if _, dup := ns.cols[col.Name]; dup {
			return
		}
		ns.cols[col.Name] = col
		ns.order = append(ns.order, col.Name)
		p.names = append(p.names, col)
	}
	for _, d := range p.sources[0].dims {
		add(d)
	}
	if p.totals && !p.Listing {
		add(Column{Name: LevelColumn, Type: catalog.Of(catalog.Int64)})
	}
	for _, s := range p.sources {
		for _, m := range s.measures {
			add(m)
		}
	}
	for _, d := range p.spec.Sources[0].Dimensions {
		if call, ok := d.Expr.(*spec.Call); ok && contains(grainNames, call.Name) {
			ns.grains[d.Name.Value] = call.Name
		}
	}
	p.grains = ns.grains
	return ns
}

var grainNames = []string{"day", "week", "month", "quarter", "year"}

// columns decides the output: `columns:` or every name, plus what the
// post stage reads; Final is the order after outlier and score columns.
func (c *checker) columns(r *spec.Report) {
	p := c.plan
	generated := c.generated(r)
	if len(r.Columns) == 0 {
		p.output = append([]string(nil), c.names.order...)
		if len(generated) > 0 {
			p.final = append(append([]string(nil), p.output...), generated...)
		}
	} else {
		p.wrap = true
		seen := map[string]bool{}
		for _, col := range r.Columns {
			if seen[col.Value] {
				c.ds.Errorf(spec.CodeDuplicate, col.Span, "column %q is listed twice", col.Value)
				continue
			}
			seen[col.Value] = true
			switch {
			case contains(c.names.order, col.Value):
				p.output = append(p.output, col.Value)
			case !contains(generated, col.Value):
				c.ds.Errorf(spec.CodeUnknownName, col.Span, "columns: %q is not a dimension, measure, formula, score or outlier column%s",
					col.Value, spec.DidYouMean(col.Value, append(append([]string(nil), c.names.order...), generated...)))
				continue
			}
			p.final = append(p.final, col.Value)
		}
		for _, n := range c.postNeeds(r) {
			if !contains(p.output, n) {
				p.output = append(p.output, n)
			}
		}
	}
	for _, name := range p.output {
		col, _ := p.Column(name)
		p.Columns = append(p.Columns, col)
	}
}

// isPostName reports names computed after the query: scores and the
// columns outlier rules add.
func (c *checker) isPostName(name string) bool {
	r := c.plan.spec
	for _, s := range r.Scores {
		if s.Name.Value == name {
			return true
		}
	}
	for _, o := range r.Outliers {
		if name == o.Metric.Value+result.ScoreSuffix || name == o.Metric.Value+result.OutlierSuffix {
			return true
		}
	}
	return false
}

// order resolves order entries against the names.
func (c *checker) order(r *spec.Report) {
	for _, o := range r.Order {
		if !contains(c.names.order, o.Name.Value) {
			c.ds.Errorf(spec.CodeUnknownName, o.Name.Span, "order by %q: no output column has that name%s", o.Name.Value, spec.DidYouMean(o.Name.Value, c.names.order))
			continue
		}
		col, _ := c.plan.Column(o.Name.Value)
		if c.names.formulas[o.Name.Value] != nil {
			// A formula is no column of the relation it is computed
			// from: order the computed rows in a wrapping query.
			c.plan.wrap = true
		}
		item := sqlast.OrderItem{Expr: &sqlast.Column{Column: o.Name.Value}, Desc: o.Desc, Text: col.Type.Kind == catalog.Text}
		if o.NullsFirst != nil {
			item.NullsFirst = *o.NullsFirst
		}
		c.plan.order = append(c.plan.order, item)
	}
	// With totals, a detail row whose dimension is NULL ties with the
	// subtotal it belongs to; _level breaks the tie so totals come last.
	if c.plan.totals && !c.plan.Listing && len(c.plan.order) > 0 && contains(c.names.order, LevelColumn) {
		c.plan.order = append(c.plan.order, sqlast.OrderItem{Expr: &sqlast.Column{Column: LevelColumn}})
	}
}
