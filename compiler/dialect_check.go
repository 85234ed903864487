package compiler

import (
	"fmt"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// CheckDialect reports, at their place in the spec, the constructs of r
// that dialect d cannot run: functions it refuses (d.Refused), ILIKE,
// interval literals, FULL JOIN and totals where it lacks them (d.Lacks).
// The compiler's own checks do not know the database; `assay check` and
// `assay run` call this with the database's dialect so that such a report
// is refused before anything runs, naming the function and the dialect.
func CheckDialect(r *spec.Report, d *dialect.Dialect) spec.Diagnostics {
	var ds spec.Diagnostics
	lacks := func(feature string, span spec.Span) {
		if reason, ok := d.Lacks[feature]; ok {
			ds.Errorf(spec.CodeUnsupported, span, "%s", reason)
		}
	}
	var visit func(e spec.Expr)
	visit = func(e spec.Expr) {
		spec.Walk(e, func(e spec.Expr) bool {
			switch e := e.(type) {
			case *spec.Binary:
				// x ± interval '…' has a spelling where IntervalArith is set.
				if lit, ok := e.R.(*spec.TypedLit); ok && d.IntervalArith && lit.Type == "interval" && (e.Op == "+" || e.Op == "-") {
					if err := d.CheckInterval(lit.Value); err != nil {
						ds.Errorf(spec.CodeUnsupported, lit.Span, "%v", err)
					}
					visit(e.L)
					return false
				}
			case *spec.Call:
				if reason, ok := d.Refused[e.Name]; ok {
					ds.Errorf(spec.CodeUnsupported, e.NameSpan, "%s", refusal(e.Name, d, reason))
				}
			case *spec.Like:
				if e.ILike {
					lacks("ILIKE", e.Span)
				}
			case *spec.TypedLit:
				if e.Type == "interval" {
					lacks("INTERVAL", e.Span)
				}
			}
			return true
		})
	}
	for _, s := range r.Sources {
		for _, j := range s.Joins {
			visit(j.On)
			if j.Kind.Value == "full" {
				lacks("FULL JOIN", j.Kind.Span)
			}
		}
		for _, w := range s.Where {
			visit(w)
		}
		for _, dim := range s.Dimensions {
			visit(dim.Expr)
		}
		for _, m := range s.Measures {
			visit(m.Expr)
			visit(m.Where)
		}
	}
	for _, f := range r.Formulas {
		visit(f.Expr)
	}
	for _, h := range r.Having {
		visit(h)
	}
	if r.Totals != nil {
		lacks("GROUPING SETS", r.Totals.Span)
	}
	return ds
}

// refusal is the message for a function dialect d refuses.
func refusal(name string, d *dialect.Dialect, reason string) string {
	return fmt.Sprintf("function %s is not available on %s: %s", name, d, reason)
}
