package spec

import "strings"

// Select is the SELECT subset a subquery may use:
//
//	select expr[, …] from table alias [[left] join table alias on cond]…
//	[where cond] [group by expr, …] [having cond]
type Select struct {
	Items   []Expr
	From    TableRef
	Joins   []SubJoin
	Where   Expr // nil when absent
	GroupBy []Expr
	Having  Expr // nil when absent
	Span    Span
}

// SubJoin is one [left] join of a subquery.
type SubJoin struct {
	Left  bool
	Table TableRef
	On    Expr
}

// Subquery is a scalar subquery "(select …)": one value.
type Subquery struct {
	Query *Select
	Span  Span
}

// Exists is "exists (select …)"; "not exists" is Unary not over it.
type Exists struct {
	Query *Select
	Span  Span
}

func (e *Subquery) Pos() Span { return e.Span }
func (e *Exists) Pos() Span   { return e.Span }
func (*Subquery) exprNode()   {}
func (*Exists) exprNode()     {}

// subqueryWords end an expression inside a subquery; they cannot start a
// bare column name there (quote such a column: "from").
var subqueryWords = map[string]bool{"select": true, "from": true, "join": true, "left": true, "on": true,
	"group": true, "by": true, "having": true, "inner": true}

// startsSelect reports whether the tokens at i are "select".
func (p *parser) startsSelect(i int) bool {
	return i < len(p.toks) && p.toks[i].is("select")
}

// parseSubquery reads "select …" up to, not including, the closing bracket.
func (p *parser) parseSelect() *Select {
	start := p.next() // select
	q := &Select{}
	defer func() { p.depth-- }()
	if !p.deeper(start) {
		return q
	}
	q.Items = p.parseExprList()
	p.expectKw("from")
	q.From = p.parseTableRef()
	for p.err == nil && (p.peek().is("join") || p.peek().is("left") || p.peek().is("inner")) {
		j := SubJoin{Left: p.acceptKw("left")}
		if !j.Left {
			p.acceptKw("inner")
		}
		p.expectKw("join")
		j.Table = p.parseTableRef()
		p.expectKw("on")
		if p.err == nil {
			j.On = p.parseExpr()
		}
		q.Joins = append(q.Joins, j)
	}
	if p.err == nil && p.acceptKw("where") {
		q.Where = p.parseExpr()
	}
	if p.err == nil && p.acceptKw("group") {
		p.expectKw("by")
		if p.err == nil {
			q.GroupBy = p.parseExprList()
		}
	}
	if p.err == nil && p.acceptKw("having") {
		q.Having = p.parseExpr()
	}
	if p.err == nil && !p.peek().isOp(")") {
		p.fail(p.peek(), "expected \")\" to end the subquery, found %s", describe(p.peek()))
	}
	q.Span = p.span(start, p.prev())
	return q
}

func (p *parser) parseExprList() []Expr {
	var out []Expr
	for p.err == nil {
		out = append(out, p.parseExpr())
		if !p.acceptOp(",") {
			break
		}
	}
	return out
}

// parseTableRef reads "table alias", "schema.table alias" or with "as".
func (p *parser) parseTableRef() TableRef {
	var ref TableRef
	first := p.peek()
	if !p.isName(first) {
		p.fail(first, "expected a table name, found %s", describe(first))
		return ref
	}
	p.next()
	ref.Table = Str{Value: first.text, Span: p.span(first, first)}
	if p.peek().isOp(".") {
		p.next()
		t := p.peek()
		if !p.isName(t) {
			p.fail(t, "expected a table name after %q, found %s", first.text+".", describe(t))
			return ref
		}
		p.next()
		ref.Schema = ref.Table
		ref.Table = Str{Value: t.text, Span: p.span(t, t)}
	}
	p.acceptKw("as")
	a := p.peek()
	if !p.isName(a) || (a.kind == tokIdent && (subqueryWords[strings.ToLower(a.text)] || reserved[strings.ToLower(a.text)])) {
		p.fail(a, "expected an alias after table %s (write: %s x), found %s", ref.Table.Value, ref.Table.Value, describe(a))
		return ref
	}
	p.next()
	ref.Alias = Str{Value: a.text, Span: p.span(a, a)}
	return ref
}

func (p *parser) isName(t token) bool { return t.kind == tokIdent || t.kind == tokQuotedIdent }

// parseSubqueryPrimary reads "(select …)" after its opening bracket.
func (p *parser) parseScalarSubquery(open token) Expr {
	q := p.parseSelect()
	p.expectOp(")")
	return &Subquery{Query: q, Span: p.span(open, p.prev())}
}

// parseExists reads "exists (select …)".
func (p *parser) parseExists() Expr {
	start := p.next() // exists
	p.next()          // (
	q := p.parseSelect()
	p.expectOp(")")
	return &Exists{Query: q, Span: p.span(start, p.prev())}
}

// SelectExprs lists the expressions of a subquery in source order.
func SelectExprs(q *Select) []Expr {
	out := append([]Expr(nil), q.Items...)
	for _, j := range q.Joins {
		out = append(out, j.On)
	}
	if q.Where != nil {
		out = append(out, q.Where)
	}
	out = append(out, q.GroupBy...)
	if q.Having != nil {
		out = append(out, q.Having)
	}
	return out
}

func formatSelect(b *strings.Builder, q *Select) {
	b.WriteString("(select ")
	formatArgs(b, q.Items)
	b.WriteString(" from " + formatTable(q.From))
	for _, j := range q.Joins {
		if j.Left {
			b.WriteString(" left")
		}
		b.WriteString(" join " + formatTable(j.Table) + " on ")
		format(b, j.On)
	}
	if q.Where != nil {
		b.WriteString(" where ")
		format(b, q.Where)
	}
	if len(q.GroupBy) > 0 {
		b.WriteString(" group by ")
		formatArgs(b, q.GroupBy)
	}
	if q.Having != nil {
		b.WriteString(" having ")
		format(b, q.Having)
	}
	b.WriteString(")")
}

func formatTable(t TableRef) string {
	s := t.Table.Value
	if t.Schema.Value != "" {
		s = t.Schema.Value + "." + s
	}
	return s + " " + t.Alias.Value
}
