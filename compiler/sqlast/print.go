package sqlast

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
)

// Print writes a stable, readable form of e to w for debugging and for the
// plan's golden files. It is not SQL of any dialect: functions keep their
// logical names (week, percentile), names are not quoted, parameters are
// :name, and every operator is parenthesised so the tree's shape shows.
func Print(w io.Writer, e Expr) error {
	_, err := io.WriteString(w, Format(e))
	return err
}

// Format returns what Print writes.
func Format(e Expr) string {
	var b strings.Builder
	printExpr(&b, e)
	return b.String()
}

// TypeName prints a logical type without the database's native name, so
// that a plan prints the same from every database's catalog.
func TypeName(t catalog.Type) string {
	if t.Kind == catalog.Decimal && t.Precision > 0 {
		return fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale)
	}
	return t.Kind.String()
}

func printExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case nil:
		b.WriteString("<nil>")
	case *Column:
		printColumn(b, e)
	case *Param:
		b.WriteString(":" + e.Name)
	case *Literal:
		printLiteral(b, e)
	case *TypedLiteral:
		fmt.Fprintf(b, "%s %s", strings.ToUpper(e.Type.String()), strconv.Quote(e.Value))
	case *Unary:
		printUnary(b, e)
	case *Binary:
		printInfix(b, e.L, strings.ToLower(e.Op), e.R)
	case *SafeDiv:
		printInfix(b, e.L, "/", e.R)
	case *IsNull:
		printIsNull(b, e)
	case *In:
		printIn(b, e)
	case *Between:
		printBetween(b, e)
	case *Like:
		printLike(b, e)
	case *Case:
		printCase(b, e)
	case *Cast:
		b.WriteString("cast(")
		printExpr(b, e.X)
		b.WriteString(" as " + TypeName(e.Type) + ")")
	case *Func:
		printFunc(b, e)
	case *Window:
		printWindow(b, e)
	case *Subquery:
		printSubquery(b, e)
	case *DateShift:
		b.WriteString("shift(")
		printExpr(b, e.X)
		fmt.Fprintf(b, ", -%d %s)", e.N, e.Unit)
	default:
		panic(fmt.Sprintf("sqlast: unexpected %T", e))
	}
}

func printColumn(b *strings.Builder, c *Column) {
	if c.Table != "" {
		b.WriteString(c.Table + ".")
	}
	b.WriteString(c.Column)
}

func printLiteral(b *strings.Builder, l *Literal) {
	switch l.Kind {
	case String:
		b.WriteString(strconv.Quote(l.Text))
	case Boolean:
		b.WriteString(strconv.FormatBool(l.Value))
	case Null:
		b.WriteString("null")
	default:
		b.WriteString(l.Text)
	}
}

func printUnary(b *strings.Builder, u *Unary) {
	op := strings.ToLower(u.Op)
	if op == "not" {
		op += " "
	}
	b.WriteString("(" + op)
	printExpr(b, u.X)
	b.WriteString(")")
}

func printInfix(b *strings.Builder, l Expr, op string, r Expr) {
	b.WriteString("(")
	printExpr(b, l)
	b.WriteString(" " + op + " ")
	printExpr(b, r)
	b.WriteString(")")
}

func not(b *strings.Builder, n bool) {
	if n {
		b.WriteString(" not")
	}
}

func printIsNull(b *strings.Builder, e *IsNull) {
	b.WriteString("(")
	printExpr(b, e.X)
	b.WriteString(" is")
	not(b, e.Not)
	b.WriteString(" null)")
}

func printIn(b *strings.Builder, e *In) {
	b.WriteString("(")
	printExpr(b, e.X)
	not(b, e.Not)
	b.WriteString(" in [")
	printList(b, e.List)
	b.WriteString("])")
}

func printBetween(b *strings.Builder, e *Between) {
	b.WriteString("(")
	printExpr(b, e.X)
	not(b, e.Not)
	b.WriteString(" between ")
	printExpr(b, e.Lo)
	b.WriteString(" and ")
	printExpr(b, e.Hi)
	b.WriteString(")")
}

func printLike(b *strings.Builder, e *Like) {
	b.WriteString("(")
	printExpr(b, e.X)
	not(b, e.Not)
	if e.ILike {
		b.WriteString(" ilike ")
	} else {
		b.WriteString(" like ")
	}
	printExpr(b, e.Pattern)
	b.WriteString(")")
}

func printCase(b *strings.Builder, e *Case) {
	b.WriteString("case")
	if e.Operand != nil {
		b.WriteString(" ")
		printExpr(b, e.Operand)
	}
	for _, w := range e.Whens {
		b.WriteString(" when ")
		printExpr(b, w.Cond)
		b.WriteString(" then ")
		printExpr(b, w.Result)
	}
	if e.Else != nil {
		b.WriteString(" else ")
		printExpr(b, e.Else)
	}
	b.WriteString(" end")
}

func printList(b *strings.Builder, list []Expr) {
	for i, x := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		printExpr(b, x)
	}
}

func printFunc(b *strings.Builder, f *Func) {
	b.WriteString(f.Name + "(")
	switch {
	case f.Star:
		b.WriteString("*")
	case f.Distinct:
		b.WriteString("distinct ")
	}
	if f.Unit != "" {
		b.WriteString(f.Unit)
		if len(f.Args) > 0 {
			b.WriteString(", ")
		}
	}
	printList(b, f.Args)
	b.WriteString(")")
	if f.Filter != nil {
		b.WriteString(" filter (where ")
		printExpr(b, f.Filter)
		b.WriteString(")")
	}
}

func printWindow(b *strings.Builder, w *Window) {
	b.WriteString(strings.ToLower(w.Func) + "(")
	if w.Arg != nil {
		printExpr(b, w.Arg)
	}
	b.WriteString(") over (")
	sep := ""
	if len(w.PartitionBy) > 0 {
		b.WriteString("partition by ")
		printList(b, w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		b.WriteString(sep + "order by ")
		PrintOrder(b, w.OrderBy)
	}
	if w.Running {
		b.WriteString(" rows unbounded preceding")
	}
	b.WriteString(")")
}

// PrintOrder writes ORDER BY items as "x desc nulls first, y".
func PrintOrder(b *strings.Builder, items []OrderItem) {
	for i, o := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		printExpr(b, o.Expr)
		if o.Desc {
			b.WriteString(" desc")
		}
		if o.NullsFirst {
			b.WriteString(" nulls first")
		}
		if o.Text {
			b.WriteString(" by code point")
		}
	}
}
