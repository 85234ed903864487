package dialect

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// maxRenderDepth bounds the recursion of the renderer. A plan checked from
// a spec stays far below it (the spec limits expressions to 10,000 parts,
// and a chain of binary operators is rendered without recursion); it is
// the backstop for trees built by other means.
const maxRenderDepth = 20000

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
	case *sqlast.Subquery:
		if e.Kind == sqlast.InSubquery {
			return precCompare
		}
	case *sqlast.SafeDiv:
		return precMul
	}
	return precAtom
}

// operand writes e, parenthesised when it binds looser than min.
func (r *renderer) operand(e sqlast.Expr, min int) {
	if precedence(e) < min {
		r.b.WriteByte('(')
		r.expr(e)
		r.b.WriteByte(')')
		return
	}
	r.expr(e)
}

// expr writes e to the renderer's one builder: every node appends its own
// text, so rendering is linear in the size of the output.
func (r *renderer) expr(e sqlast.Expr) {
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxRenderDepth {
		r.fail("the expression is nested more than %d levels deep", maxRenderDepth)
		return
	}
	switch e := e.(type) {
	case *sqlast.Column:
		if e.Table != "" {
			r.ident(e.Table)
			r.b.WriteByte('.')
		}
		r.ident(e.Column)
	case *sqlast.Param:
		r.writeJoined(r.param(e))
	case *sqlast.Literal:
		r.b.WriteString(r.literal(e))
	case *sqlast.TypedLiteral:
		r.typedLiteral(e)
	case *sqlast.Unary:
		r.unary(e)
	case *sqlast.Binary:
		r.binary(e)
	default:
		r.composite(e)
	}
}

// composite writes the nodes that wrap other expressions in fixed text.
func (r *renderer) composite(e sqlast.Expr) {
	switch e := e.(type) {
	case *sqlast.SafeDiv:
		f := r.d.TypeName(catalog.Of(catalog.Float64))
		r.b.WriteString("CAST(")
		r.expr(e.L)
		r.b.WriteString(" AS " + f + ") / NULLIF(CAST(")
		r.expr(e.R)
		r.b.WriteString(" AS " + f + "), 0)")
	case *sqlast.Cast:
		r.b.WriteString("CAST(")
		r.expr(e.X)
		r.b.WriteString(" AS " + r.d.TypeName(e.Type) + ")")
	case *sqlast.Func:
		r.call(e)
	case *sqlast.Window:
		r.window(e)
	case *sqlast.DateShift:
		r.b.WriteString("CAST(")
		if r.d.ShiftPattern != "" {
			r.shift(e)
			break
		}
		r.operand(e.X, precAdd)
		r.b.WriteString(" - INTERVAL '" + interval(e.N, e.Unit) + "' AS " + r.d.TypeName(e.Type) + ")")
	default:
		r.predicate(e)
	}
}

// binary writes a chain of binary operators. It walks down the left
// operands in a loop rather than by recursion: a + b + c + … is a tree as
// deep as the chain is long, and must not cost a stack frame per operator.
func (r *renderer) binary(e *sqlast.Binary) {
	if e.Op == "||" && r.d.ConcatFunc {
		r.concat(e)
		return
	}
	if lit, ok := intervalOperand(e); ok && r.d.IntervalArith {
		r.intervalArith(e, lit)
		return
	}
	spine := []*sqlast.Binary{e}
	for {
		l, ok := spine[len(spine)-1].L.(*sqlast.Binary)
		if !ok || (r.d.ConcatFunc && l.Op == "||") {
			break
		}
		spine = append(spine, l)
	}
	// paren[i]: spine[i]'s left operand, spine[i+1], binds looser than it.
	paren := make([]bool, len(spine))
	for i := 0; i+1 < len(spine); i++ {
		if paren[i] = binaryPrec[spine[i+1].Op] < binaryPrec[spine[i].Op]; paren[i] {
			r.b.WriteByte('(')
		}
	}
	last := spine[len(spine)-1]
	r.operand(last.L, binaryPrec[last.Op])
	for i := len(spine) - 1; i >= 0; i-- {
		p := binaryPrec[spine[i].Op]
		op := spine[i].Op
		if op == "IS NOT DISTINCT FROM" && r.d.NullSafeEqual != "" {
			op = r.d.NullSafeEqual
		}
		r.b.WriteString(" " + op + " ")
		r.operand(spine[i].R, p+1)
		if i > 0 && paren[i-1] {
			r.b.WriteByte(')')
		}
	}
}

func (r *renderer) unary(e *sqlast.Unary) {
	if e.Op == "NOT" {
		r.b.WriteString("NOT ")
		r.operand(e.X, precNot)
		return
	}
	r.b.WriteByte('-')
	r.operand(e.X, precAtom)
}

func (r *renderer) literal(e *sqlast.Literal) string {
	switch e.Kind {
	case sqlast.Number:
		return signed(e.Text)
	case sqlast.String:
		s, err := r.d.Literal(e.Text, catalog.Of(catalog.Text))
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

func (r *renderer) predicate(e sqlast.Expr) {
	switch e := e.(type) {
	case *sqlast.IsNull:
		r.operand(e.X, precConcat)
		r.b.WriteString(" IS " + not(e.Not) + "NULL")
	case *sqlast.In:
		r.in(e)
	case *sqlast.Between:
		r.operand(e.X, precConcat)
		r.b.WriteString(" " + not(e.Not) + "BETWEEN ")
		r.operand(e.Lo, precConcat)
		r.b.WriteString(" AND ")
		r.operand(e.Hi, precConcat)
	case *sqlast.Like:
		op := "LIKE"
		lower := e.ILike && r.d.ILikeLower
		if e.ILike && !lower {
			r.lacks("ILIKE")
			op = "ILIKE"
		}
		r.likeOperand(e.X, lower)
		r.b.WriteString(" " + not(e.Not) + op + " ")
		r.likeOperand(e.Pattern, lower)
		r.b.WriteString(r.d.LikeEscape)
	case *sqlast.Case:
		r.caseExpr(e)
	case *sqlast.Subquery:
		r.subquery(e)
	default:
		panic(fmt.Sprintf("dialect: unexpected %T", e))
	}
}

// in writes x [NOT] IN (…); a list parameter gives one item per value.
func (r *renderer) in(e *sqlast.In) {
	n := 0
	for _, x := range e.List {
		n += r.items(x)
	}
	if n == 0 {
		// An empty list matches nothing (NOT IN: everything).
		r.b.WriteString(map[bool]string{false: "FALSE", true: "TRUE"}[e.Not])
		return
	}
	r.operand(e.X, precConcat)
	r.b.WriteString(" " + not(e.Not) + "IN (")
	sep := ""
	for _, x := range e.List {
		if r.items(x) > 0 {
			r.b.WriteString(sep)
			r.expr(x)
			sep = ", "
		}
	}
	r.b.WriteByte(')')
}

// items is the number of list items x renders as: the number of values of
// a list parameter, otherwise one.
func (r *renderer) items(x sqlast.Expr) int {
	p, ok := x.(*sqlast.Param)
	if !ok || !p.List {
		return 1
	}
	if s, ok := r.slots[p.Name]; ok {
		return len(s)
	}
	if list, ok := r.values[p.Name].([]any); ok {
		return len(list)
	}
	return 1 // param reports the missing or malformed value
}

func (r *renderer) caseExpr(e *sqlast.Case) {
	r.b.WriteString("CASE")
	if e.Operand != nil {
		r.b.WriteByte(' ')
		r.expr(e.Operand)
	}
	for _, w := range e.Whens {
		r.b.WriteString(" WHEN ")
		r.expr(w.Cond)
		r.b.WriteString(" THEN ")
		r.expr(w.Result)
	}
	if e.Else != nil {
		r.b.WriteString(" ELSE ")
		r.expr(e.Else)
	}
	r.b.WriteString(" END")
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

func (r *renderer) window(w *sqlast.Window) {
	r.b.WriteString(w.Func + "(")
	if w.Arg != nil {
		r.expr(w.Arg)
	}
	r.b.WriteString(") OVER (")
	sep := ""
	switch {
	case r.d.SeparateWindowSorts:
		if r.separatePartition(w) {
			sep = " "
		}
	case len(w.PartitionBy) > 0:
		r.b.WriteString("PARTITION BY ")
		r.exprList(w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		r.b.WriteString(sep + "ORDER BY ")
		r.orderItems(w.OrderBy)
		sep = " "
	}
	if w.Running {
		r.b.WriteString(sep + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
	}
	r.b.WriteByte(')')
}

// exprList writes expressions separated by commas.
func (r *renderer) exprList(es []sqlast.Expr) {
	for i, e := range es {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.expr(e)
	}
}

// writeJoined writes strings separated by commas.
func (r *renderer) writeJoined(parts []string) {
	for i, s := range parts {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.b.WriteString(s)
	}
}

// concat writes a chain of || as one CONCAT call, for a dialect where ||
// means something else. The chain is walked in a loop, as binary does.
func (r *renderer) concat(e *sqlast.Binary) {
	var parts []sqlast.Expr
	var x sqlast.Expr = e
	for {
		b, ok := x.(*sqlast.Binary)
		if !ok || b.Op != "||" {
			break
		}
		parts = append(parts, b.R)
		x = b.L
	}
	parts = append(parts, x)
	slices.Reverse(parts)
	r.b.WriteString("CONCAT(")
	r.exprList(parts)
	r.b.WriteByte(')')
}

// typedLiteral writes DATE '…' and the like, or CAST('…' AS type) for a
// dialect that reads no typed literals of its own type names.
func (r *renderer) typedLiteral(e *sqlast.TypedLiteral) {
	if e.Type == catalog.Interval {
		r.lacks("INTERVAL")
	}
	s, err := r.d.Literal(e.Value, catalog.Of(catalog.Text))
	if err != nil {
		r.fail("%w", err)
	}
	if r.d.CastLiterals {
		r.b.WriteString("CAST(" + s + " AS " + r.d.TypeName(catalog.Of(e.Type)) + ")")
		return
	}
	r.b.WriteString(r.d.TypeName(catalog.Of(e.Type)) + " " + s)
}

// shift writes the inside of a DateShift's CAST through the dialect's
// ShiftPattern.
func (r *renderer) shift(e *sqlast.DateShift) {
	x := r.detached(func() { r.expr(e.X) })
	rep := strings.NewReplacer("{x}", x, "{n}", strconv.Itoa(e.N), "{unit}", strings.ToUpper(e.Unit))
	r.b.WriteString(rep.Replace(r.d.ShiftPattern) + " AS " + r.d.TypeName(e.Type) + ")")
}

// likeOperand writes an operand of LIKE, in LOWER(…) when ILIKE is
// written as a LIKE of lower-cased text.
func (r *renderer) likeOperand(e sqlast.Expr, lower bool) {
	if !lower {
		r.operand(e, precConcat)
		return
	}
	r.b.WriteString("LOWER(")
	r.expr(e)
	r.b.WriteByte(')')
}
