package spec

import (
	"strconv"
	"strings"
)

func (p *parser) parsePrimary() Expr {
	t := p.peek()
	switch t.kind {
	case tokNumber:
		p.next()
		return &NumberLit{Text: t.text, IsInt: !strings.ContainsAny(t.text, ".eE"), Span: p.span(t, t)}
	case tokString:
		p.next()
		return &StringLit{Value: t.text, Span: p.span(t, t)}
	case tokParam:
		p.next()
		return &ParamRef{Name: t.text, Span: p.span(t, t)}
	case tokQuotedIdent:
		return p.parseName()
	case tokOp:
		if t.isOp("(") {
			p.next()
			if p.startsSelect(p.pos) {
				return p.parseScalarSubquery(t)
			}
			e := p.parseExpr()
			p.expectOp(")")
			return e
		}
	case tokIdent:
		return p.parseWord(t)
	}
	p.fail(t, "expected a value, a column or a function, found %s", describe(t))
	return &NullLit{Span: p.span(t, t)}
}

func (p *parser) parseWord(t token) Expr {
	switch strings.ToLower(t.text) {
	case "null":
		p.next()
		return &NullLit{Span: p.span(t, t)}
	case "true", "false":
		p.next()
		return &BoolLit{Value: strings.EqualFold(t.text, "true"), Span: p.span(t, t)}
	case "case":
		return p.parseCase()
	case "exists":
		if p.toks[p.pos+1].isOp("(") && p.startsSelect(p.pos+2) {
			return p.parseExists()
		}
	case "cast":
		return p.parseCast()
	case "date", "timestamp", "interval":
		if n := p.toks[p.pos+1]; n.kind == tokString {
			p.next()
			p.next()
			return &TypedLit{Type: strings.ToLower(t.text), Value: n.text, Span: p.span(t, n)}
		}
	}
	if reserved[strings.ToLower(t.text)] {
		p.fail(t, "unexpected keyword %q (quote it as \"%s\" if it is a column name)", t.text, t.text)
		p.next()
		return &NullLit{Span: p.span(t, t)}
	}
	if p.toks[p.pos+1].isOp("(") {
		return p.parseCall()
	}
	return p.parseName()
}

// parseName reads name or name.name, each part bare or "quoted".
func (p *parser) parseName() Expr {
	first := p.next()
	parts := []string{first.text}
	last := first
	for p.peek().isOp(".") && len(parts) < 3 {
		p.next()
		t := p.peek()
		if t.kind != tokIdent && t.kind != tokQuotedIdent {
			p.fail(t, "expected a column name after %q, found %s", strings.Join(parts, ".")+".", describe(t))
			break
		}
		p.next()
		parts = append(parts, t.text)
		last = t
	}
	return &Ident{Parts: parts, Quoted: last.kind == tokQuotedIdent, Span: p.span(first, last)}
}

func (p *parser) parseCall() Expr {
	name := p.next()
	p.next() // (
	c := &Call{Name: strings.ToLower(name.text), NameSpan: p.span(name, name)}
	switch {
	case p.peek().isOp("*"):
		p.next()
		c.Star = true
	case p.peek().isOp(")"):
	default:
		c.Distinct = p.acceptKw("distinct")
		for p.err == nil {
			c.Args = append(c.Args, p.parseExpr())
			if len(c.Args) == 1 && (p.peek().is("asc") || p.peek().is("desc")) {
				t := p.next()
				c.Dir, c.DirSpan = strings.ToLower(t.text), p.span(t, t)
			}
			if !p.acceptOp(",") {
				break
			}
		}
	}
	p.expectOp(")")
	if p.peek().is("filter") {
		p.next()
		p.expectOp("(")
		p.expectKw("where")
		c.Filter = p.parseExpr()
		p.expectOp(")")
	}
	if p.peek().is("over") && p.toks[p.pos+1].isOp("(") {
		c.Over = p.parseOver()
	}
	c.Span = p.span(name, p.prev())
	return c
}

// parseOver reads "over (partition by name, …)" or "over ()".
func (p *parser) parseOver() *Over {
	start := p.next()
	p.next() // (
	o := &Over{}
	if p.acceptKw("partition") {
		p.expectKw("by")
		for p.err == nil {
			t := p.peek()
			if t.kind != tokIdent && t.kind != tokQuotedIdent {
				p.fail(t, "expected the name of a dimension in partition by, found %s", describe(t))
				break
			}
			id, _ := p.parseName().(*Ident)
			o.Partition = append(o.Partition, id)
			if !p.acceptOp(",") {
				break
			}
		}
	} else if !p.peek().isOp(")") {
		p.fail(p.peek(), "expected \"partition by\" or \")\" in over (…), found %s", describe(p.peek()))
	}
	p.expectOp(")")
	o.Span = p.span(start, p.prev())
	return o
}

func (p *parser) parseCase() Expr {
	start := p.next()
	c := &Case{}
	if !p.peek().is("when") && !p.peek().is("end") {
		c.Operand = p.parseExpr()
	}
	for p.err == nil && p.acceptKw("when") {
		cond := p.parseExpr()
		p.expectKw("then")
		c.Whens = append(c.Whens, When{Cond: cond, Result: p.parseExpr()})
	}
	if len(c.Whens) == 0 {
		p.fail(p.peek(), "expected \"when\" in case, found %s", describe(p.peek()))
	}
	if p.acceptKw("else") {
		c.Else = p.parseExpr()
	}
	p.expectKw("end")
	c.Span = p.span(start, p.prev())
	return c
}

func (p *parser) parseCast() Expr {
	start := p.next()
	p.expectOp("(")
	x := p.parseExpr()
	p.expectKw("as")
	tn := p.parseTypeName()
	p.expectOp(")")
	return &Cast{X: x, Type: tn, Span: p.span(start, p.prev())}
}

// parseTypeName reads a type such as int, text, numeric(12, 2) or
// double precision.
func (p *parser) parseTypeName() TypeName {
	t := p.peek()
	if t.kind != tokIdent {
		p.fail(t, "expected a type name, found %s", describe(t))
		return TypeName{Span: p.span(t, t)}
	}
	p.next()
	name := strings.ToLower(t.text)
	if name == "double" && p.peek().is("precision") {
		p.next()
		name = "double precision"
	}
	tn := TypeName{Name: name}
	if p.acceptOp("(") {
		for p.err == nil {
			n := p.next()
			v, err := strconv.Atoi(n.text)
			if n.kind != tokNumber || err != nil {
				p.fail(n, "expected a whole number in the type %s(…), found %s", name, describe(n))
				break
			}
			tn.Args = append(tn.Args, v)
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	tn.Span = p.span(t, p.prev())
	return tn
}
