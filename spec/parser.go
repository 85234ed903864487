package spec

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxExprDepth bounds the nesting of an expression (brackets, function
// calls, case, not and unary minus) so that hostile input cannot exhaust
// the stack.
const MaxExprDepth = 200

// MaxExprParts bounds the size of one expression in tokens: names, values,
// operators, brackets and commas. With it every tree built from a spec is
// at most this deep, whatever its shape (a flat chain a + b + c … is as
// deep as it is long), and the checker and renderer recurse at most that far.
const MaxExprParts = 10000

// reserved words cannot be bare column names (quote them to use them as such).
var reserved = map[string]bool{
	"and": true, "or": true, "not": true, "is": true, "null": true, "in": true,
	"between": true, "like": true, "ilike": true, "case": true, "when": true,
	"then": true, "else": true, "end": true, "cast": true, "as": true,
	"true": true, "false": true, "distinct": true, "filter": true, "where": true,
}

// ExprSource tells the parser where an expression's text sits in its file,
// so that errors inside the expression point at the right column.
type ExprSource struct {
	Text string
	// At is the span of the YAML value holding the text.
	At Span
	// Exact is true when byte i of Text is byte At.Start+i of the file
	// (plain and single-line quoted scalars without escapes).
	Exact bool
	// Offsets, when not exact, gives the file offset of each byte of Text
	// (quoted scalars with escapes, block scalars); without it every
	// position inside the text maps to At.
	Offsets []int
}

func (s ExprSource) span(start, end int) Span {
	switch {
	case s.Exact:
		return s.At.Sub(start, end)
	case len(s.Offsets) == len(s.Text) && len(s.Text) > 0:
		a := s.Offsets[min(start, len(s.Offsets)-1)]
		b := s.Offsets[min(max(end-1, start), len(s.Offsets)-1)] + 1
		return Span{File: s.At.File, Start: a, End: max(b, a+1)}
	}
	return s.At
}

// ParseExpr parses one expression. On a syntax error it returns a nil Expr
// and a diagnostic pointing at the offending token.
func ParseExpr(src ExprSource) (Expr, Diagnostics) {
	toks, lerr := lex(src.Text)
	if lerr != nil {
		var ds Diagnostics
		ds.Errorf(CodeSyntax, src.span(lerr.start, lerr.end), "%s", lerr.msg)
		return nil, ds
	}
	if n := len(toks) - 1; n > MaxExprParts {
		var ds Diagnostics
		t := toks[MaxExprParts]
		ds.Errorf(CodeLimit, src.span(t.start, t.end), "the expression has %d parts (names, values, operators, brackets), more than the limit of %d: split it into formulas or simplify it", n, MaxExprParts)
		return nil, ds
	}
	p := &parser{src: src, toks: toks}
	e := p.parseExpr()
	if p.err == nil && p.peek().kind != tokEOF {
		p.fail(p.peek(), "unexpected %s after the end of the expression", describe(p.peek()))
	}
	if p.err != nil {
		return nil, Diagnostics{*p.err}
	}
	return e, nil
}

type parser struct {
	src   ExprSource
	toks  []token
	pos   int
	depth int
	err   *Diagnostic
}

func (p *parser) peek() token { return p.toks[p.pos] }

func (p *parser) next() token {
	t := p.toks[p.pos]
	if t.kind != tokEOF {
		p.pos++
	}
	return t
}

func (p *parser) span(from, to token) Span { return p.src.span(from.start, to.end) }

// prev is the last consumed token.
func (p *parser) prev() token {
	if p.pos == 0 {
		return p.toks[0]
	}
	return p.toks[p.pos-1]
}

func (p *parser) fail(t token, format string, args ...any) {
	p.failCode(CodeSyntax, t, format, args...)
}

func (p *parser) failCode(code Code, t token, format string, args ...any) {
	if p.err != nil {
		return
	}
	p.err = &Diagnostic{Span: p.src.span(t.start, max(t.end, t.start+1)), Severity: Error,
		Code: code, Message: fmt.Sprintf(format, args...)}
}

// deeper enters one level of nesting at t; it reports false, with a
// diagnostic, past MaxExprDepth. The caller leaves the level with p.depth--.
func (p *parser) deeper(t token) bool {
	p.depth++
	if p.depth > MaxExprDepth {
		p.failCode(CodeLimit, t, "the expression is nested more than %d levels deep: split it into formulas or simplify it", MaxExprDepth)
		return false
	}
	return true
}

func (p *parser) acceptKw(kw string) bool {
	if p.peek().is(kw) {
		p.next()
		return true
	}
	return false
}

func (p *parser) acceptOp(op string) bool {
	if p.peek().isOp(op) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectKw(kw string) {
	if !p.acceptKw(kw) {
		p.fail(p.peek(), "expected %q, found %s", kw, describe(p.peek()))
	}
}

func (p *parser) expectOp(op string) {
	if !p.acceptOp(op) {
		p.fail(p.peek(), "expected %q, found %s", op, describe(p.peek()))
	}
}

func describe(t token) string {
	switch t.kind {
	case tokEOF:
		return "the end of the expression"
	case tokString:
		return "text '" + t.text + "'"
	case tokParam:
		return "parameter :" + t.text
	default:
		return strconv.Quote(t.text)
	}
}

func (p *parser) parseExpr() Expr {
	defer func() { p.depth-- }()
	if !p.deeper(p.peek()) {
		return &NullLit{}
	}
	return p.parseOr()
}

func (p *parser) parseOr() Expr {
	l := p.parseAnd()
	for p.err == nil && p.peek().is("or") {
		op := p.next()
		r := p.parseAnd()
		l = &Binary{Op: "or", L: l, R: r, OpSpan: p.span(op, op), Span: l.Pos().To(r.Pos())}
	}
	return l
}

func (p *parser) parseAnd() Expr {
	l := p.parseNot()
	for p.err == nil && p.peek().is("and") {
		op := p.next()
		r := p.parseNot()
		l = &Binary{Op: "and", L: l, R: r, OpSpan: p.span(op, op), Span: l.Pos().To(r.Pos())}
	}
	return l
}

func (p *parser) parseNot() Expr {
	if p.peek().is("not") {
		t := p.next()
		defer func() { p.depth-- }()
		if !p.deeper(t) {
			return &NullLit{}
		}
		x := p.parseNot()
		return &Unary{Op: "not", X: x, Span: p.span(t, t).To(x.Pos())}
	}
	return p.parseComparison()
}

var comparisonOps = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (p *parser) parseComparison() Expr {
	l := p.parseConcat()
	for p.err == nil {
		t := p.peek()
		if op, ok := comparisonOps[t.text]; ok && t.kind == tokOp {
			p.next()
			r := p.parseConcat()
			l = &Binary{Op: op, L: l, R: r, OpSpan: p.span(t, t), Span: l.Pos().To(r.Pos())}
			continue
		}
		next, ok := p.parsePostfixPredicate(l)
		if !ok {
			return l
		}
		l = next
	}
	return l
}

// parsePostfixPredicate handles is [not] null, [not] in, [not] between,
// [not] like/ilike after a left operand.
func (p *parser) parsePostfixPredicate(l Expr) (Expr, bool) {
	t := p.peek()
	if t.is("is") {
		p.next()
		not := p.acceptKw("not")
		p.expectKw("null")
		return &IsNull{X: l, Not: not, Span: l.Pos().To(p.span(p.prev(), p.prev()))}, true
	}
	not := false
	if t.is("not") {
		n := p.toks[p.pos+1]
		if !(n.is("in") || n.is("between") || n.is("like") || n.is("ilike")) {
			return l, false
		}
		p.next()
		not = true
	}
	switch k := p.peek(); {
	case k.is("in"):
		p.next()
		return p.parseIn(l, not), true
	case k.is("between"):
		p.next()
		lo := p.parseConcat()
		p.expectKw("and")
		hi := p.parseConcat()
		return &Between{X: l, Lo: lo, Hi: hi, Not: not, Span: l.Pos().To(hi.Pos())}, true
	case k.is("like"), k.is("ilike"):
		p.next()
		pat := p.parseConcat()
		return &Like{X: l, Pattern: pat, Not: not, ILike: k.is("ilike"), Span: l.Pos().To(pat.Pos())}, true
	}
	return l, false
}

func (p *parser) parseIn(l Expr, not bool) Expr {
	if t := p.peek(); t.kind == tokParam {
		p.next()
		pr := &ParamRef{Name: t.text, Span: p.span(t, t)}
		return &In{X: l, Param: pr, Not: not, Span: l.Pos().To(pr.Span)}
	}
	p.expectOp("(")
	if p.err == nil && p.startsSelect(p.pos) {
		q := p.parseSelect()
		p.expectOp(")")
		return &In{X: l, Query: q, Not: not, Span: l.Pos().To(p.span(p.prev(), p.prev()))}
	}
	var list []Expr
	for p.err == nil {
		list = append(list, p.parseExpr())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return &In{X: l, List: list, Not: not, Span: l.Pos().To(p.span(p.prev(), p.prev()))}
}

func (p *parser) parseConcat() Expr {
	l := p.parseAdditive()
	for p.err == nil && p.peek().isOp("||") {
		op := p.next()
		r := p.parseAdditive()
		l = &Binary{Op: "||", L: l, R: r, OpSpan: p.span(op, op), Span: l.Pos().To(r.Pos())}
	}
	return l
}

func (p *parser) parseAdditive() Expr {
	l := p.parseMultiplicative()
	for p.err == nil && (p.peek().isOp("+") || p.peek().isOp("-")) {
		op := p.next()
		r := p.parseMultiplicative()
		l = &Binary{Op: op.text, L: l, R: r, OpSpan: p.span(op, op), Span: l.Pos().To(r.Pos())}
	}
	return l
}

func (p *parser) parseMultiplicative() Expr {
	l := p.parseUnary()
	for p.err == nil && (p.peek().isOp("*") || p.peek().isOp("/") || p.peek().isOp("%")) {
		op := p.next()
		r := p.parseUnary()
		l = &Binary{Op: op.text, L: l, R: r, OpSpan: p.span(op, op), Span: l.Pos().To(r.Pos())}
	}
	return l
}

func (p *parser) parseUnary() Expr {
	if t := p.peek(); t.isOp("-") || t.isOp("+") {
		p.next()
		defer func() { p.depth-- }()
		if !p.deeper(t) {
			return &NullLit{}
		}
		x := p.parseUnary()
		if t.text == "+" {
			return x
		}
		if n, ok := x.(*NumberLit); ok && !strings.HasPrefix(n.Text, "-") {
			return &NumberLit{Text: "-" + n.Text, IsInt: n.IsInt, Span: p.span(t, t).To(n.Span)}
		}
		return &Unary{Op: "-", X: x, Span: p.span(t, t).To(x.Pos())}
	}
	return p.parseCastSuffix(p.parsePrimary())
}

func (p *parser) parseCastSuffix(x Expr) Expr {
	for p.err == nil && p.peek().isOp("::") {
		p.next()
		tn := p.parseTypeName()
		x = &Cast{X: x, Type: tn, Span: x.Pos().To(tn.Span)}
	}
	return x
}
