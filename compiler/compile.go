package compiler

import (
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/spec"
)

// checker holds the state of checking one report.
type checker struct {
	cat   *catalog.Catalog
	ds    spec.Diagnostics
	plan  *Plan
	used  map[string]bool // params referenced anywhere
	names *nameScope      // output names, once the sources are checked
	// subAliases are the aliases declared inside subqueries, for hints.
	subAliases map[string]bool
}

// Compile checks r against cat and builds its plan. The plan must not be
// used when the diagnostics hold an error.
// Local time is taken in the report's `timezone:`, else in UTC; see
// CompileIn for a project timezone.
func Compile(r *spec.Report, cat *catalog.Catalog) (*Plan, spec.Diagnostics) {
	return CompileIn(r, cat, nil)
}

func compileReport(r *spec.Report, cat *catalog.Catalog, loc *time.Location) (*Plan, spec.Diagnostics) {
	c := &checker{cat: cat, plan: &Plan{work: work{spec: r, loc: loc}}, used: map[string]bool{}}
	c.plan.Result = &result.Result{Name: r.Name.Value, Title: r.Title.Value, Description: r.Description.Value}
	c.params(r.Params)
	c.outlierWords(r)
	c.plan.totals = r.Totals != nil
	c.plan.sets = c.plan.totals && (len(r.Formulas) > 0 || len(r.Sources) > 1)
	for i, src := range r.Sources {
		c.source(src, i)
	}
	if len(c.plan.sources) == len(r.Sources) && len(r.Sources) > 0 {
		c.shared()
		c.totals(r.Totals)
		c.names = c.nameScope()
		c.formulas(r.Formulas)
		c.having(r.Having)
		c.columns(r)
		c.order(r)
		c.blocks(r)
		c.result(r)
		c.pivot(r)
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

// totals checks that totals name dimensions of a grouped report.
func (c *checker) totals(t *spec.Totals) {
	if t == nil {
		return
	}
	if c.plan.Listing {
		c.ds.Errorf(spec.CodeShape, t.Span, "totals need measures: a listing report has nothing to sum")
		return
	}
	if t.Rollup {
		c.rollupNames(t)
	}
	for _, d := range t.Dims {
		if !contains(c.plan.Dimensions, d.Value) {
			c.ds.Errorf(spec.CodeUnknownName, d.Span, "totals: %q is not a dimension of the report%s", d.Value, spec.DidYouMean(d.Value, c.plan.Dimensions))
		}
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
