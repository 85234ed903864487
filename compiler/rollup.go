package compiler

import (
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// rollupSets are the subtotal sets of totals: {rollup: [a, b, c]}, as
// SQL's ROLLUP gives them: (a, b, c), (a, b), (a), (), longest first.
// The detail set (every dimension) is not repeated when the rollup names
// every dimension.
func rollupSets(t *spec.Totals, cols []Column, dims []sqlast.Expr) [][]sqlast.Expr {
	var prefix []sqlast.Expr
	for _, name := range t.Dims {
		for i, d := range cols {
			if d.Name == name.Value && i < len(dims) {
				prefix = append(prefix, dims[i])
			}
		}
	}
	var out [][]sqlast.Expr
	for n := len(prefix); n >= 0; n-- {
		if n == len(dims) {
			continue
		}
		out = append(out, append([]sqlast.Expr(nil), prefix[:n]...))
	}
	return out
}

// rollupNames checks the hierarchy of {rollup: […]}: dimensions, each once.
func (c *checker) rollupNames(t *spec.Totals) {
	seen := map[string]bool{}
	for _, d := range t.Dims {
		if seen[d.Value] {
			c.ds.Errorf(spec.CodeDuplicate, d.Span, "totals rollup: %q is listed twice", d.Value)
		}
		seen[d.Value] = true
	}
	if len(t.Dims) == 0 {
		c.ds.Errorf(spec.CodeBadValue, t.Span, "totals rollup needs at least one dimension: {rollup: [region, clinic]}")
	}
}
