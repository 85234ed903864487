package compiler

import (
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/spec"
)

// pivot checks the pivot: block and, when it is sound, puts it into the
// result: the column must be a dimension, the values measures or formulas
// of the report, max_columns a whole number from 1 to 16,384, and every
// name the pivot reads must be among the finished result's columns.
func (c *checker) pivot(r *spec.Report) {
	pv := r.Pivot
	if pv == nil {
		return
	}
	if c.plan.Listing {
		c.ds.Errorf(spec.CodeShape, pv.Span, "pivot needs measures: a listing report has no values to spread across columns")
		return
	}
	ok := c.pivotColumn(pv.Column)
	ok = c.pivotValues(pv.Values) && ok
	ok = ok && c.pivotInColumns(r)
	maxCols := result.DefaultMaxColumns
	if n := pv.MaxColumns; n != nil {
		if n.Value < 1 || n.Value > result.MaxPivotColumns || n.Value != float64(int(n.Value)) {
			c.ds.Errorf(spec.CodeBadValue, n.Span, "max_columns must be a whole number from 1 to %d (Excel's column limit), found %g", result.MaxPivotColumns, n.Value)
			ok = false
		}
		maxCols = int(n.Value)
	}
	if !ok {
		return
	}
	c.plan.Result.Pivot = c.pivotResult(r, maxCols)
}

// pivotColumn checks that the pivot column is a dimension.
func (c *checker) pivotColumn(s spec.Str) bool {
	switch {
	case s.Value == "":
		return false // missing or not a scalar: already reported
	case contains(c.plan.Dimensions, s.Value):
		return true
	case contains(c.names.order, s.Value) || c.isPostName(s.Value):
		c.ds.Errorf(spec.CodeType, s.Span, "pivot column %q is not a dimension: its values cannot become columns (pivot on one of %s)", s.Value, quotedList(c.plan.Dimensions))
	default:
		c.ds.Errorf(spec.CodeUnknownName, s.Span, "pivot column %q is not a dimension of the report%s", s.Value, spec.DidYouMean(s.Value, c.plan.Dimensions))
	}
	return false
}

// pivotValues checks that the values are measures or formulas, each once.
func (c *checker) pivotValues(values []spec.Str) bool {
	ok := len(values) > 0
	seen := map[string]bool{}
	for _, v := range values {
		role := c.roleOf(v.Value)
		switch {
		case seen[v.Value]:
			c.ds.Errorf(spec.CodeDuplicate, v.Span, "pivot value %q is listed twice", v.Value)
		case !contains(c.names.order, v.Value) && !c.isPostName(v.Value):
			c.ds.Errorf(spec.CodeUnknownName, v.Span, "pivot value %q is not a measure or formula of the report%s", v.Value, spec.DidYouMean(v.Value, c.valueNames()))
		case role != result.Measure && role != result.Formula || c.isPostName(v.Value):
			what := "a dimension"
			if c.isPostName(v.Value) {
				what = "computed after the query (a score or an outlier column)"
			}
			c.ds.Errorf(spec.CodeType, v.Span, "pivot value %q is %s; values are measures or formulas of the report", v.Value, what)
		default:
			seen[v.Value] = true
			continue
		}
		seen[v.Value] = true
		ok = false
	}
	return ok
}

// valueNames lists the measures and formulas of the report.
func (c *checker) valueNames() []string {
	var out []string
	for _, n := range c.names.order {
		if r := c.roleOf(n); r == result.Measure || r == result.Formula {
			out = append(out, n)
		}
	}
	return out
}

// pivotInColumns checks, for a report with `columns:`, that the finished
// result keeps what the pivot reads: every dimension (the rows are keyed
// by them), the values, and _level with totals.
func (c *checker) pivotInColumns(r *spec.Report) bool {
	if len(r.Columns) == 0 {
		return true
	}
	need := append(append([]string(nil), c.plan.Dimensions...), valuesOf(r.Pivot.Values)...)
	if c.plan.totals {
		need = append(need, LevelColumn)
	}
	ok := true
	for _, n := range need {
		if !contains(c.plan.final, n) {
			c.ds.Errorf(spec.CodeMissingKey, r.Pivot.Span, "pivot needs %q among `columns:`", n)
			ok = false
		}
	}
	return ok
}

func valuesOf(ss []spec.Str) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}

// pivotResult is the pivot as the display stage reads it, with the sort
// orders taken from `order:`.
func (c *checker) pivotResult(r *spec.Report, maxCols int) *result.Pivot {
	pv := &result.Pivot{Column: r.Pivot.Column.Value, Values: valuesOf(r.Pivot.Values), MaxColumns: maxCols,
		ColumnOrder: result.SortKey{Name: r.Pivot.Column.Value}}
	for _, d := range c.plan.Result.Final {
		if d != pv.Column && contains(c.plan.Dimensions, d) {
			pv.Rows = append(pv.Rows, d)
		}
	}
	ordered := map[string]bool{}
	for _, o := range r.Order {
		key := result.SortKey{Name: o.Name.Value, Desc: o.Desc, NullsFirst: o.NullsFirst != nil && *o.NullsFirst}
		switch {
		case key.Name == pv.Column:
			pv.ColumnOrder = key
		case contains(pv.Rows, key.Name) && !ordered[key.Name]:
			pv.RowOrder = append(pv.RowOrder, key)
			ordered[key.Name] = true
		}
	}
	for _, d := range pv.Rows {
		if !ordered[d] {
			pv.RowOrder = append(pv.RowOrder, result.SortKey{Name: d})
		}
	}
	if t := r.Totals; t != nil {
		pv.Totals = valuesOf(t.Dims)
	}
	return pv
}

// quotedList spells names as "a", "b" or "c".
func quotedList(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " or "
		default:
			s += ", "
		}
		s += `"` + n + `"`
	}
	return s
}
