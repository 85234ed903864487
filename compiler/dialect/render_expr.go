package dialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// Operator precedence, loosest first; operands of looser precedence than
// their parent are parenthesised.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCompare
	precConcat
	precAdd
	precMul
	precUnary
	precAtom
)

var binaryPrec = map[string]int{
	"OR": precOr, "AND": precAnd, "=": precCompare, "<>": precCompare, "<": precCompare,
	"<=": precCompare, ">": precCompare, ">=": precCompare, "||": precConcat,
	"+": precAdd, "-": precAdd, "*": precMul, "%": precMul, "IS NOT DISTINCT FROM": precCompare,
}

func precedence(e sqlast.Expr) int {
	switch e := e.(type) {
	case *sqlast.Binary:
		return binaryPrec[e.Op]
	case *sqlast.Unary:
		if e.Op == "NOT" {
			return precNot
		}
		return precUnary
	case *sqlast.IsNull, *sqlast.In, *sqlast.Between, *sqlast.Like:
		return precCompare
	case *sqlast.SafeDiv:
		return precMul
	}
	return precAtom
}

// operand renders e, parenthesised when it binds looser than min.
func (r *renderer) operand(e sqlast.Expr, min int) string {
	s := r.expr(e)
	if precedence(e) < min {
		return "(" + s + ")"
	}
	return s
}

func (r *renderer) expr(e sqlast.Expr) string {
	switch e := e.(type) {
	case *sqlast.Column:
		if e.Table == "" {
			return r.d.Ident(e.Column)
		}
		return r.d.Ident(e.Table) + "." + r.d.Ident(e.Column)
	case *sqlast.Param:
		return strings.Join(r.param(e), ", ")
	case *sqlast.Literal:
		return r.literal(e)
	case *sqlast.TypedLiteral:
		s, err := quoteString(e.Value)
		if err != nil {
			r.fail("%w", err)
		}
		return r.d.TypeName(catalog.Of(e.Type)) + " " + s
	case *sqlast.Unary:
		return r.unary(e)
	case *sqlast.Binary:
		p := binaryPrec[e.Op]
		return r.operand(e.L, p) + " " + e.Op + " " + r.operand(e.R, p+1)
	case *sqlast.SafeDiv:
		f := r.d.TypeName(catalog.Of(catalog.Float64))
		return "CAST(" + r.expr(e.L) + " AS " + f + ") / NULLIF(CAST(" + r.expr(e.R) + " AS " + f + "), 0)"
	case *sqlast.Cast:
		return "CAST(" + r.expr(e.X) + " AS " + r.d.TypeName(e.Type) + ")"
	case *sqlast.Func:
		return r.call(e)
	case *sqlast.Window:
		return r.window(e)
	case *sqlast.DateShift:
		return "CAST(" + r.operand(e.X, precAdd) + " - INTERVAL '" + interval(e.N, e.Unit) + "' AS " + r.d.TypeName(e.Type) + ")"
	default:
		return r.predicate(e)
	}
}

func (r *renderer) unary(e *sqlast.Unary) string {
	if e.Op == "NOT" {
		return "NOT " + r.operand(e.X, precNot)
	}
	return "-" + r.operand(e.X, precAtom)
}

func (r *renderer) literal(e *sqlast.Literal) string {
	switch e.Kind {
	case sqlast.Number:
		return signed(e.Text)
	case sqlast.String:
		s, err := quoteString(e.Text)
		if err != nil {
			r.fail("%w", err)
		}
		return s
	case sqlast.Boolean:
		if e.Value {
			return "TRUE"
		}
		return "FALSE"
	}
	return "NULL"
}

func not(n bool) string {
	if n {
		return "NOT "
	}
	return ""
}

func (r *renderer) predicate(e sqlast.Expr) string {
	switch e := e.(type) {
	case *sqlast.IsNull:
		return r.operand(e.X, precConcat) + " IS " + not(e.Not) + "NULL"
	case *sqlast.In:
		var parts []string
		for _, x := range e.List {
			parts = append(parts, r.expr(x))
		}
		if len(parts) == 0 || (len(parts) == 1 && parts[0] == "") {
			// An empty list matches nothing (NOT IN: everything).
			return map[bool]string{false: "FALSE", true: "TRUE"}[e.Not]
		}
		return r.operand(e.X, precConcat) + " " + not(e.Not) + "IN (" + strings.Join(parts, ", ") + ")"
	case *sqlast.Between:
		return r.operand(e.X, precConcat) + " " + not(e.Not) + "BETWEEN " + r.operand(e.Lo, precConcat) +
			" AND " + r.operand(e.Hi, precConcat)
	case *sqlast.Like:
		op := "LIKE"
		if e.ILike {
			op = "ILIKE"
		}
		return r.operand(e.X, precConcat) + " " + not(e.Not) + op + " " + r.operand(e.Pattern, precConcat) + r.d.LikeEscape
	case *sqlast.Case:
		return r.caseExpr(e)
	}
	panic(fmt.Sprintf("dialect: unexpected %T", e))
}

func (r *renderer) caseExpr(e *sqlast.Case) string {
	var b strings.Builder
	b.WriteString("CASE")
	if e.Operand != nil {
		b.WriteString(" " + r.expr(e.Operand))
	}
	for _, w := range e.Whens {
		b.WriteString(" WHEN " + r.expr(w.Cond) + " THEN " + r.expr(w.Result))
	}
	if e.Else != nil {
		b.WriteString(" ELSE " + r.expr(e.Else))
	}
	return b.String() + " END"
}

// call spells a function through the dialect's pattern table.
func (r *renderer) call(f *sqlast.Func) string {
	f = r.filtered(f)
	if reason, refused := r.d.Refused[f.Name]; refused {
		r.fail("function %s is not available on %s: %s", f.Name, r.d.Name, reason)
		return "NULL"
	}
	pattern, ok := r.pattern(f)
	if !ok {
		r.fail("function %s is not available on %s", f.Name, r.d.Name)
		return "NULL"
	}
	args := make([]string, len(f.Args))
	for i, a := range f.Args {
		args[i] = r.expr(a)
	}
	all := strings.Join(args, ", ")
	if f.Star {
		all = "*"
	}
	repl := []string{"{args}", all, "{unit}", strings.ToUpper(f.Unit), "{distinct}", ""}
	if f.Distinct {
		repl[5] = "DISTINCT "
	}
	for i, a := range args {
		repl = append(repl, fmt.Sprintf("{%d}", i), a)
	}
	s := strings.NewReplacer(repl...).Replace(pattern)
	if f.Filter != nil {
		s += " FILTER (WHERE " + r.expr(f.Filter) + ")"
	}
	return s
}

// filtered spells an aggregate's FILTER for a dialect without it: the
// filter moves into the arguments, CASE WHEN cond THEN x END (count(*)
// counts CASE WHEN cond THEN 1 END), which every aggregate skips as NULL.
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
	out.Args = make([]sqlast.Expr, len(f.Args))
	for i, a := range f.Args {
		out.Args[i] = &sqlast.Case{Whens: []sqlast.When{{Cond: f.Filter, Result: a}}}
	}
	return &out
}

func (r *renderer) pattern(f *sqlast.Func) (string, bool) {
	if f.Name == "date_diff" {
		p, ok := r.d.Funcs["date_diff:"+f.Unit]
		return p, ok
	}
	if p, ok := r.d.Funcs[fmt.Sprintf("%s/%d", f.Name, len(f.Args))]; ok {
		return p, true
	}
	p, ok := r.d.Funcs[f.Name]
	return p, ok
}

// interval spells n units of a grain as interval text both databases
// read; a quarter is three months.
func interval(n int, unit string) string {
	if unit == "quarter" {
		n, unit = 3*n, "month"
	}
	if n != 1 {
		unit += "s"
	}
	return strconv.Itoa(n) + " " + unit
}

func (r *renderer) window(w *sqlast.Window) string {
	var b strings.Builder
	b.WriteString(w.Func + "(")
	if w.Arg != nil {
		b.WriteString(r.expr(w.Arg))
	}
	b.WriteString(") OVER (")
	var parts []string
	if len(w.PartitionBy) > 0 {
		cols := make([]string, len(w.PartitionBy))
		for i, e := range w.PartitionBy {
			cols[i] = r.expr(e)
		}
		parts = append(parts, "PARTITION BY "+strings.Join(cols, ", "))
	}
	if len(w.OrderBy) > 0 {
		parts = append(parts, "ORDER BY "+r.orderItems(w.OrderBy))
	}
	if w.Running {
		parts = append(parts, "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
	}
	b.WriteString(strings.Join(parts, " ") + ")")
	return b.String()
}
