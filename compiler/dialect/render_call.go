package dialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/compiler/sqlast"
)

// call spells a function through the dialect's pattern table, writing the
// pattern's text and each argument where the pattern places it.
func (r *renderer) call(f *sqlast.Func) {
	f = r.filtered(f)
	if reason, refused := r.d.Refused[f.Name]; refused {
		r.fail("function %s is not available on %s: %s", f.Name, r.d.Name, reason)
		r.b.WriteString("NULL")
		return
	}
	if r.d.QuantileRows && quantiles[f.Name] {
		r.fail("%s is written by QuantileRows only where a SELECT's column, having or ORDER BY computes it, not in this place", f.Name)
		r.b.WriteString("NULL")
		return
	}
	pattern, ok := r.pattern(f)
	if !ok {
		r.fail("function %s is not available on %s", f.Name, r.d.Name)
		r.b.WriteString("NULL")
		return
	}
	// An argument the pattern uses twice (date_diff by month) is rendered
	// once and copied; its placeholders are the same both times. With
	// positional placeholders it is rendered, and bound, each time.
	uses := map[string]int{}
	forEachSlot(pattern, func(s string) { uses[s]++ })
	copies := map[string]string{}
	for pattern != "" {
		i := strings.IndexByte(pattern, '{')
		j := strings.IndexByte(pattern[max(i, 0):], '}')
		if i < 0 || j < 0 {
			r.b.WriteString(pattern)
			break
		}
		r.b.WriteString(pattern[:i])
		slot := pattern[i+1 : i+j]
		pattern = pattern[i+j+1:]
		if uses[slot] > 1 && !r.d.Positional {
			if _, done := copies[slot]; !done {
				copies[slot] = r.detached(func() { r.slot(f, slot) })
			}
			r.b.WriteString(copies[slot])
			continue
		}
		r.slot(f, slot)
	}
	if f.Filter != nil {
		r.b.WriteString(" FILTER (WHERE ")
		r.expr(f.Filter)
		r.b.WriteByte(')')
	}
}

// forEachSlot calls fn with the name of every {slot} of pattern.
func forEachSlot(pattern string, fn func(string)) {
	for {
		i := strings.IndexByte(pattern, '{')
		if i < 0 {
			return
		}
		j := strings.IndexByte(pattern[i:], '}')
		if j < 0 {
			return
		}
		fn(pattern[i+1 : i+j])
		pattern = pattern[i+j+1:]
	}
}

// slot writes what one {slot} of a function pattern stands for.
func (r *renderer) slot(f *sqlast.Func, slot string) {
	switch slot {
	case "args":
		if f.Star {
			r.b.WriteByte('*')
			return
		}
		r.exprList(f.Args)
		return
	case "unit":
		r.b.WriteString(strings.ToUpper(f.Unit))
		return
	case "distinct":
		if f.Distinct {
			r.b.WriteString("DISTINCT ")
		}
		return
	}
	if n, err := strconv.Atoi(slot); err == nil && n >= 0 && n < len(f.Args) {
		r.expr(f.Args[n])
		return
	}
	r.b.WriteString("{" + slot + "}")
}

// detached renders with write into a string of its own, leaving the
// statement's builder as it was.
func (r *renderer) detached(write func()) string {
	saved := r.b
	r.b = &strings.Builder{}
	write()
	s := r.b.String()
	r.b = saved
	return s
}

// filtered spells an aggregate's FILTER for a dialect without it: the
// filter moves into the aggregated value, CASE WHEN cond THEN x END
// (count(*) counts CASE WHEN cond THEN 1 END), which every aggregate
// skips as NULL. Only the first argument is the value: the others are
// parameters of the aggregate (percentile's fraction), which must stay
// constants (DuckDB's QUANTILE_CONT refuses a CASE there).
func (r *renderer) filtered(f *sqlast.Func) *sqlast.Func {
	if f.Filter == nil || r.d.Filter {
		return f
	}
	out := *f
	out.Filter = nil
	if f.Star {
		out.Star = false
		out.Args = []sqlast.Expr{&sqlast.Case{Whens: []sqlast.When{{Cond: f.Filter, Result: &sqlast.Literal{Kind: sqlast.Number, Text: "1"}}}}}
		return &out
	}
	out.Args = append([]sqlast.Expr(nil), f.Args...)
	if len(out.Args) > 0 {
		out.Args[0] = &sqlast.Case{Whens: []sqlast.When{{Cond: f.Filter, Result: f.Args[0]}}}
	}
	return &out
}

func (r *renderer) pattern(f *sqlast.Func) (string, bool) {
	if f.Name == "date_diff" {
		p, ok := r.d.Funcs["date_diff:"+f.Unit]
		return p, ok
	}
	if p, ok := r.d.Funcs[f.Name+":"+f.Unit]; ok && f.Unit != "" {
		return p, true
	}
	if p, ok := r.d.Funcs[fmt.Sprintf("%s/%d", f.Name, len(f.Args))]; ok {
		return p, true
	}
	p, ok := r.d.Funcs[f.Name]
	return p, ok
}
