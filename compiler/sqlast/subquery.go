package sqlast

import "strings"

// Subquery is a SELECT inside an expression (a node of the closed set of
// ast.go, kept in a file of its own): a scalar (SELECT …), EXISTS (SELECT …)
// or X [NOT] IN (SELECT …). NOT EXISTS is Unary NOT over an EXISTS.
type Subquery struct {
	Kind  SubqueryKind
	X     Expr // the left operand of IN; nil otherwise
	Not   bool // NOT IN
	Query *Select
}

// SubqueryKind says how a Subquery is used.
type SubqueryKind int

// Subquery kinds.
const (
	ScalarSubquery SubqueryKind = iota
	ExistsSubquery
	InSubquery
)

func (*Subquery) sqlExpr() {}

func printSubquery(b *strings.Builder, e *Subquery) {
	switch e.Kind {
	case ExistsSubquery:
		b.WriteString("exists")
	case InSubquery:
		b.WriteString("(")
		printExpr(b, e.X)
		if e.Not {
			b.WriteString(" not")
		}
		b.WriteString(" in ")
	}
	printSelect(b, e.Query)
	if e.Kind == InSubquery {
		b.WriteString(")")
	}
}

// printSelect prints a subquery's SELECT on one line.
func printSelect(b *strings.Builder, q *Select) {
	b.WriteString("(select ")
	for i, c := range q.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		printExpr(b, c.Expr)
	}
	b.WriteString(" from " + tableText(q.From))
	for _, j := range q.Joins {
		b.WriteString(" " + strings.ToLower(string(j.Kind)) + " join " + tableText(j.Table) + " on ")
		printExpr(b, j.On)
	}
	printClause(b, " where ", " and ", q.Where)
	printClause(b, " group by ", ", ", q.GroupBy)
	printClause(b, " having ", " and ", q.Having)
	b.WriteString(")")
}

func printClause(b *strings.Builder, head, sep string, es []Expr) {
	for i, e := range es {
		if i == 0 {
			b.WriteString(head)
		} else {
			b.WriteString(sep)
		}
		printExpr(b, e)
	}
}

func tableText(t Table) string {
	if t.Query != nil {
		var b strings.Builder
		printSelect(&b, t.Query)
		return b.String() + " " + t.Alias
	}
	s := t.Name
	if t.Schema != "" {
		s = t.Schema + "." + s
	}
	if t.Alias != "" {
		s += " " + t.Alias
	}
	return s
}
