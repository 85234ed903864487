package dialect

import "github.com/assay-dev/assay/compiler/sqlast"

// subquery writes (SELECT …), EXISTS (SELECT …) or x [NOT] IN (SELECT …),
// the SELECT on one line. Its parameters take their placeholders in the
// order they are written, as everywhere else.
func (r *renderer) subquery(e *sqlast.Subquery) {
	switch e.Kind {
	case sqlast.ExistsSubquery:
		r.b.WriteString("EXISTS ")
	case sqlast.InSubquery:
		r.operand(e.X, precConcat)
		r.b.WriteString(" " + not(e.Not) + "IN ")
	}
	r.b.WriteByte('(')
	r.subSelect(e.Query)
	r.b.WriteByte(')')
}

func (r *renderer) subSelect(q *sqlast.Select) {
	r.b.WriteString("SELECT ")
	for i, c := range q.Columns {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.expr(c.Expr)
	}
	r.b.WriteString(" FROM ")
	r.table(q.From)
	for _, j := range q.Joins {
		r.b.WriteString(" " + string(j.Kind) + " JOIN ")
		r.table(j.Table)
		r.b.WriteString(" ON ")
		r.expr(j.On)
	}
	r.inlineConjunction(" WHERE ", q.Where)
	if len(q.GroupBy) > 0 {
		r.b.WriteString(" GROUP BY ")
		r.exprList(q.GroupBy)
	}
	r.inlineConjunction(" HAVING ", q.Having)
}

func (r *renderer) inlineConjunction(head string, es []sqlast.Expr) {
	for i, e := range es {
		if i == 0 {
			r.b.WriteString(head)
		} else {
			r.b.WriteString(" AND ")
		}
		r.operand(e, precAnd+1)
	}
}
