package compiler

import (
	"fmt"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// formulas checks every formula; a formula may refer to dimensions,
// measures and other formulas by name, in any order, but not in a cycle.
func (c *checker) formulas(fs []*spec.Formula) {
	ns := c.names
	for _, f := range fs {
		if _, dup := ns.cols[f.Name.Value]; dup || ns.formulas[f.Name.Value] != nil {
			c.ds.Errorf(spec.CodeDuplicate, f.Name.Span, "output name %q is used twice", f.Name.Value)
			continue
		}
		ns.formulas[f.Name.Value] = f
	}
	for _, f := range fs {
		if ns.formulas[f.Name.Value] != f {
			continue
		}
		x := c.formula(f)
		if !x.ok() {
			continue
		}
		col := Column{Name: f.Name.Value, Type: x.t}
		ns.order = append(ns.order, col.Name)
		c.plan.names = append(c.plan.names, col)
		c.plan.formulas = append(c.plan.formulas, sqlast.SelectItem{Expr: x.sql, Alias: col.Name, Comment: c.origin("formula "+col.Name, f.Name.Span)})
	}
}

// formula checks one formula once, following references depth-first.
func (c *checker) formula(f *spec.Formula) typed {
	ns := c.names
	if x, ok := ns.done[f.Name.Value]; ok {
		return x
	}
	for i, v := range ns.visiting {
		if v == f.Name.Value {
			cycle := append(append([]string(nil), ns.visiting[i:]...), v)
			c.ds.Errorf(spec.CodeCycle, f.Name.Span, "formula %q refers to itself: %s", v, strings.Join(cycle, " → "))
			ns.done[v] = invalid
			return invalid
		}
	}
	if f.Expr == nil {
		return invalid
	}
	ns.visiting = append(ns.visiting, f.Name.Value)
	x := c.expr(&exprCtx{place: formulaPlace, params: map[string]bool{}}, f.Expr)
	ns.visiting = ns.visiting[:len(ns.visiting)-1]
	if x.ok() && x.null {
		x.t = catalog.Of(catalog.Float64)
	}
	if x.ok() && sqlast.ExpandedSize(x.sql, spec.MaxExprParts, ns.sizes) > spec.MaxExprParts {
		// Formulas share the trees of the formulas they name: f2 = f1 + f1,
		// f3 = f2 + f2 … doubles the SQL at every step.
		c.ds.Errorf(spec.CodeLimit, f.Name.Span, "formula %q, written out with the formulas it refers to, has more than %d parts: refer to fewer formulas or simplify them", f.Name.Value, spec.MaxExprParts)
		x = invalid
	}
	if _, seen := ns.done[f.Name.Value]; !seen {
		ns.done[f.Name.Value] = x
	}
	return ns.done[f.Name.Value]
}

// nameRef resolves a bare name in a formula or having.
func (c *checker) nameRef(ctx *exprCtx, id *spec.Ident) typed {
	if len(id.Parts) != 1 {
		c.ds.Errorf(spec.CodeUnknownName, id.Span, "%s refer to output names, not to table columns: %q belongs in a dimension or measure", placeWord(ctx.place), strings.Join(id.Parts, "."))
		return invalid
	}
	name := id.Parts[0]
	ns := c.names
	if ctx.place == havingPlace {
		if col, ok := c.plan.Column(name); ok {
			return typed{sql: &sqlast.Column{Table: reportCTE, Column: name}, t: col.Type}
		}
	} else if col, ok := ns.cols[name]; ok {
		return typed{sql: &sqlast.Column{Table: c.plan.rel, Column: name}, t: col.Type}
	} else if f := ns.formulas[name]; f != nil {
		return c.formulaRef(ctx, f)
	}
	all := append(append([]string(nil), ns.order...), formulaNames(ns)...)
	c.ds.Errorf(spec.CodeUnknownName, id.Span, "unknown name %q: %s can use the dimensions, measures and formulas of the report%s", name, placeWord(ctx.place), spec.DidYouMean(name, all))
	return invalid
}

func formulaNames(ns *nameScope) []string {
	var out []string
	for n := range ns.formulas {
		out = append(out, n)
	}
	return out
}

func placeWord(p place) string {
	if p == havingPlace {
		return "having entries"
	}
	return "formulas"
}

// having checks the having entries; they filter the final rows.
func (c *checker) having(hs []spec.Expr) {
	if len(hs) == 0 {
		return
	}
	c.plan.wrap = true
	for _, h := range hs {
		ctx := c.allowSubqueries(&exprCtx{place: havingPlace, params: map[string]bool{}, dropOK: true}, h)
		x := c.expr(ctx, h)
		if !x.ok() {
			continue
		}
		c.wantBool(x, h, "having")
		c.plan.having = append(c.plan.having, c.filterOf(x, ctx))
	}
}

// origin names a spec element and where it is written: "formula x (file:12)".
func (c *checker) origin(what string, at spec.Span) string {
	if !at.IsValid() {
		return what
	}
	line, _ := at.File.Position(at.Start)
	return fmt.Sprintf("%s (%s:%d)", what, at.File.Name, line)
}
