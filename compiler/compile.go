package compiler

import (
	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/spec"
)

// checker holds the state of checking one report.
type checker struct {
	cat   *catalog.Catalog
	ds    spec.Diagnostics
	plan  *Plan
	used  map[string]bool // params referenced anywhere
	names *nameScope      // output names, once the sources are checked
}

// Compile checks r against cat and builds its plan. The plan must not be
// used when the diagnostics hold an error.
func Compile(r *spec.Report, cat *catalog.Catalog) (*Plan, spec.Diagnostics) {
	c := &checker{cat: cat, plan: &Plan{Report: r}, used: map[string]bool{}}
	c.params(r.Params)
	c.plan.totals = r.Totals != nil
	for i, src := range r.Sources {
		c.source(src, i)
	}
	if len(c.plan.sources) == len(r.Sources) && len(r.Sources) > 0 {
		c.shared()
		c.names = c.nameScope()
		c.formulas(r.Formulas)
		c.having(r.Having)
		c.columns(r)
		c.order(r)
		c.blocks(r)
	}
	if r.Limit != nil {
		n := r.Limit.N
		c.plan.limit = &n
	}
	for _, p := range c.plan.Params {
		if !c.used[p.Name] {
			c.ds.Warnf(spec.CodeUnusedParam, p.Spec.Name.Span, "param %q is declared but never used", p.Name)
		}
	}
	return c.plan, c.ds.Sort()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
