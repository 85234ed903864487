package spec

import (
	"strconv"
	"strings"
)

// Format prints an expression in a canonical, fully parenthesised form.
// It is for tests and debugging output, not for SQL (the compiler renders SQL).
func Format(e Expr) string {
	var b strings.Builder
	format(&b, e)
	return b.String()
}

func format(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *Ident:
		b.WriteString(strings.Join(e.Parts, "."))
	case *ParamRef:
		b.WriteString(":" + e.Name)
	case *NumberLit:
		b.WriteString(e.Text)
	case *StringLit:
		b.WriteString("'" + strings.ReplaceAll(e.Value, "'", "''") + "'")
	case *BoolLit:
		b.WriteString(map[bool]string{true: "true", false: "false"}[e.Value])
	case *NullLit:
		b.WriteString("null")
	case *TypedLit:
		b.WriteString(e.Type + " '" + strings.ReplaceAll(e.Value, "'", "''") + "'")
	case *Unary:
		b.WriteString("(" + e.Op + " ")
		format(b, e.X)
		b.WriteString(")")
	case *Binary:
		b.WriteString("(")
		format(b, e.L)
		b.WriteString(" " + e.Op + " ")
		format(b, e.R)
		b.WriteString(")")
	default:
		formatPredicate(b, e)
	}
}

func formatPredicate(b *strings.Builder, e Expr) {
	not := func(n bool) string {
		if n {
			return " not"
		}
		return ""
	}
	switch e := e.(type) {
	case *IsNull:
		format(b, e.X)
		b.WriteString(" is" + not(e.Not) + " null")
	case *In:
		format(b, e.X)
		b.WriteString(not(e.Not) + " in ")
		if e.Param != nil {
			format(b, e.Param)
			return
		}
		if e.Query != nil {
			formatSelect(b, e.Query)
			return
		}
		formatList(b, e.List)
	case *Between:
		format(b, e.X)
		b.WriteString(not(e.Not) + " between ")
		format(b, e.Lo)
		b.WriteString(" and ")
		format(b, e.Hi)
	case *Like:
		format(b, e.X)
		b.WriteString(not(e.Not) + map[bool]string{true: " ilike ", false: " like "}[e.ILike])
		format(b, e.Pattern)
	default:
		formatCompound(b, e)
	}
}

func formatCompound(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *Case:
		b.WriteString("case")
		if e.Operand != nil {
			b.WriteString(" ")
			format(b, e.Operand)
		}
		for _, w := range e.Whens {
			b.WriteString(" when ")
			format(b, w.Cond)
			b.WriteString(" then ")
			format(b, w.Result)
		}
		if e.Else != nil {
			b.WriteString(" else ")
			format(b, e.Else)
		}
		b.WriteString(" end")
	case *Cast:
		b.WriteString("cast(")
		format(b, e.X)
		b.WriteString(" as " + e.Type.Name)
		if len(e.Type.Args) > 0 {
			parts := make([]string, len(e.Type.Args))
			for i, a := range e.Type.Args {
				parts[i] = strconv.Itoa(a)
			}
			b.WriteString("(" + strings.Join(parts, ", ") + ")")
		}
		b.WriteString(")")
	case *Call:
		formatCall(b, e)
	case *Subquery:
		formatSelect(b, e.Query)
	case *Exists:
		b.WriteString("exists ")
		formatSelect(b, e.Query)
	default:
		panic("spec: unexpected expression node in Format")
	}
}

func formatCall(b *strings.Builder, e *Call) {
	b.WriteString(e.Name)
	switch {
	case e.Star:
		b.WriteString("(*)")
	case e.Distinct:
		b.WriteString("(distinct ")
		formatArgs(b, e.Args)
		b.WriteString(")")
	case e.Dir != "":
		b.WriteString("(")
		format(b, e.Args[0])
		b.WriteString(" " + e.Dir)
		if len(e.Args) > 1 {
			b.WriteString(", ")
			formatArgs(b, e.Args[1:])
		}
		b.WriteString(")")
	default:
		formatList(b, e.Args)
	}
	if e.Filter != nil {
		b.WriteString(" filter (where ")
		format(b, e.Filter)
		b.WriteString(")")
	}
	if e.Over != nil {
		b.WriteString(" over (")
		for i, id := range e.Over.Partition {
			if i == 0 {
				b.WriteString("partition by ")
			} else {
				b.WriteString(", ")
			}
			format(b, id)
		}
		b.WriteString(")")
	}
}

func formatList(b *strings.Builder, list []Expr) {
	b.WriteString("(")
	formatArgs(b, list)
	b.WriteString(")")
}

func formatArgs(b *strings.Builder, list []Expr) {
	for i, x := range list {
		if i > 0 {
			b.WriteString(", ")
		}
		format(b, x)
	}
}
