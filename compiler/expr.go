package compiler

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// place says where an expression stands, which decides whether aggregates
// and bare columns are allowed in it.
type place int

const (
	rowPlace     place = iota // where, join on, dimensions, filters: one row at a time
	measurePlace              // a measure: columns only inside aggregates
	formulaPlace              // a formula: names of the grouped rows, window helpers
	havingPlace               // a having entry: names of the final rows
)

// exprCtx is the state of translating one expression.
type exprCtx struct {
	scope  *scope
	place  place
	inAgg  bool        // inside an aggregate's arguments
	filter sqlast.Expr // a measure's `where`, ANDed into each aggregate
	params map[string]bool

	measure  *spec.Measure // the measure being checked, for fan-out messages
	graph    *joinGraph    // the source's joins, for fan-out analysis
	inWindow bool          // inside a window helper's argument
	inFilter bool          // inside an aggregate's filter
	dropOK   bool          // a `where` entry: dropped when an optional param has no value
	subOK    bool          // subqueries are allowed here (subquery.go)
	outer    *exprCtx      // inside a subquery: the query around it
}

// typed is a translated expression with its logical type.
type typed struct {
	sql  sqlast.Expr
	t    catalog.Type
	null bool // the NULL literal: fits any type
	agg  bool // contains an aggregate
	bare bool // contains a column outside any aggregate
}

var invalid = typed{}

func (x typed) ok() bool { return x.sql != nil }

// expr translates a spec expression; on an error it reports a diagnostic and
// returns invalid.
func (c *checker) expr(ctx *exprCtx, e spec.Expr) typed {
	switch e := e.(type) {
	case *spec.Ident:
		return c.ident(ctx, e)
	case *spec.ParamRef:
		return c.paramRef(ctx, e, false)
	case *spec.NumberLit:
		return numberLit(e)
	case *spec.StringLit:
		if strings.ContainsRune(e.Value, 0) {
			c.ds.Errorf(spec.CodeBadValue, e.Span, "a text literal cannot contain a NUL character")
			return invalid
		}
		return typed{sql: &sqlast.Literal{Kind: sqlast.String, Text: e.Value}, t: catalog.Of(catalog.Text)}
	case *spec.BoolLit:
		return typed{sql: &sqlast.Literal{Kind: sqlast.Boolean, Value: e.Value}, t: catalog.Of(catalog.Bool)}
	case *spec.NullLit:
		return typed{sql: &sqlast.Literal{Kind: sqlast.Null}, null: true}
	case *spec.TypedLit:
		return c.typedLit(e)
	case *spec.Unary:
		return c.unary(ctx, e)
	case *spec.Binary:
		return c.binary(ctx, e)
	case *spec.Call:
		if e.Name == "exists" {
			c.ds.Errorf(spec.CodeSubquery, e.Span, "exists tests a subquery: write exists (select 1 from table alias where …)")
			return invalid
		}
		return c.call(ctx, e)
	case *spec.Subquery, *spec.Exists:
		return c.subqueryExpr(ctx, e)
	default:
		return c.predicate(ctx, e)
	}
}

func (c *checker) ident(ctx *exprCtx, e *spec.Ident) typed {
	if ctx.outer != nil {
		return c.correlated(ctx, e)
	}
	if ctx.place == formulaPlace || ctx.place == havingPlace {
		return c.nameRef(ctx, e)
	}
	col, t, ok := c.column(ctx.scope, e)
	if !ok {
		return invalid
	}
	return typed{sql: col, t: t, bare: !ctx.inAgg}
}

func (c *checker) paramRef(ctx *exprCtx, e *spec.ParamRef, listOK bool) typed {
	p := c.plan.Param(e.Name)
	if p == nil {
		var names []string
		for _, p := range c.plan.Params {
			names = append(names, p.Name)
		}
		c.ds.Errorf(spec.CodeUnknownParam, e.Span, "unknown param :%s%s", e.Name, spec.DidYouMean(e.Name, names))
		return invalid
	}
	c.used[e.Name] = true
	if p.Optional && p.Default == nil && !ctx.dropOK {
		c.ds.Errorf(spec.CodeOptionalParam, e.Span, "optional param :%s can only be used in `where` and `having`, whose entry is dropped when the param has no value; here nothing can be dropped: give it a default or make it required", e.Name)
		return invalid
	}
	if p.List && !listOK {
		c.ds.Errorf(spec.CodeType, e.Span, "param :%s is a list: use it as `x in :%s`", e.Name, e.Name)
		return invalid
	}
	ctx.params[e.Name] = true
	return typed{sql: &sqlast.Param{Name: p.Name, Type: p.Type, List: p.List}, t: p.Type}
}

func numberLit(e *spec.NumberLit) typed {
	lit := &sqlast.Literal{Kind: sqlast.Number, Text: e.Text}
	if e.IsInt {
		if _, err := strconv.ParseInt(e.Text, 10, 64); err == nil {
			return typed{sql: lit, t: catalog.Of(catalog.Int64)}
		}
	}
	if strings.ContainsAny(e.Text, "eE") {
		return typed{sql: lit, t: catalog.Of(catalog.Float64)}
	}
	digits := strings.TrimLeft(strings.ReplaceAll(strings.TrimPrefix(e.Text, "-"), ".", ""), "0")
	scale := 0
	if i := strings.IndexByte(e.Text, '.'); i >= 0 {
		scale = len(e.Text) - i - 1
	}
	return typed{sql: lit, t: catalog.Type{Kind: catalog.Decimal, Precision: min(38, max(len(digits), scale, 1)), Scale: scale}}
}

func (c *checker) typedLit(e *spec.TypedLit) typed {
	kinds := map[string]catalog.Kind{"date": catalog.Date, "timestamp": catalog.Timestamp, "interval": catalog.Interval}
	k := kinds[e.Type]
	switch {
	case strings.ContainsRune(e.Value, 0):
		c.ds.Errorf(spec.CodeBadValue, e.Span, "a %s literal cannot contain a NUL character", e.Type)
		return invalid
	case k == catalog.Date:
		if _, err := parseDate(e.Value); err != nil {
			c.ds.Errorf(spec.CodeBadValue, e.Span, "date literal %q is not a date YYYY-MM-DD", e.Value)
			return invalid
		}
	case k == catalog.Timestamp:
		if !isTimestamp(e.Value) {
			c.ds.Errorf(spec.CodeBadValue, e.Span, "timestamp literal %q is not a timestamp such as '2025-01-31 13:45:00'", e.Value)
			return invalid
		}
	case k == catalog.Interval:
		if !intervalRE.MatchString(strings.ToLower(e.Value)) {
			c.ds.Errorf(spec.CodeBadValue, e.Span, "interval literal %q is not an interval such as '3 days' or '1 month 2 hours'", e.Value)
			return invalid
		}
	}
	return typed{sql: &sqlast.TypedLiteral{Type: k, Value: e.Value}, t: catalog.Of(k)}
}

func (c *checker) unary(ctx *exprCtx, e *spec.Unary) typed {
	x := c.expr(ctx, e.X)
	if !x.ok() {
		return invalid
	}
	if e.Op == "not" {
		c.wantBool(x, e.X, "not")
		return typed{sql: &sqlast.Unary{Op: "NOT", X: x.sql}, t: catalog.Of(catalog.Bool), agg: x.agg, bare: x.bare}
	}
	if !x.null && !x.t.Kind.IsNumeric() && x.t.Kind != catalog.Interval {
		c.ds.Errorf(spec.CodeType, e.Span, "cannot negate %s value", article(x.t.Kind))
		return invalid
	}
	return typed{sql: &sqlast.Unary{Op: "-", X: x.sql}, t: x.t, agg: x.agg, bare: x.bare}
}

func (c *checker) wantBool(x typed, e spec.Expr, what string) {
	if !x.null && x.t.Kind != catalog.Bool {
		c.ds.Errorf(spec.CodeType, e.Pos(), "%s needs a true/false condition, but this is %s value", what, article(x.t.Kind))
	}
}

// combine merges the flags of operands into a result.
func combine(sql sqlast.Expr, t catalog.Type, parts ...typed) typed {
	out := typed{sql: sql, t: t}
	for _, p := range parts {
		out.agg = out.agg || p.agg
		out.bare = out.bare || p.bare
	}
	return out
}

func (c *checker) binary(ctx *exprCtx, e *spec.Binary) typed {
	l, r := c.expr(ctx, e.L), c.expr(ctx, e.R)
	if !l.ok() || !r.ok() {
		return invalid
	}
	switch e.Op {
	case "and", "or":
		c.wantBool(l, e.L, e.Op)
		c.wantBool(r, e.R, e.Op)
		return combine(&sqlast.Binary{Op: strings.ToUpper(e.Op), L: l.sql, R: r.sql}, catalog.Of(catalog.Bool), l, r)
	case "=", "<>", "<", "<=", ">", ">=":
		c.comparable(l, r, e.OpSpan, e.Op)
		return combine(&sqlast.Binary{Op: e.Op, L: l.sql, R: r.sql}, catalog.Of(catalog.Bool), l, r)
	case "||":
		return combine(&sqlast.Binary{Op: "||", L: l.sql, R: r.sql}, catalog.Of(catalog.Text), l, r)
	case "/":
		c.numeric(l, e.L, "/")
		c.numeric(r, e.R, "/")
		return combine(&sqlast.SafeDiv{L: l.sql, R: r.sql}, catalog.Of(catalog.Float64), l, r)
	}
	return c.arithmetic(e, l, r)
}

func (c *checker) numeric(x typed, e spec.Expr, op string) bool {
	if x.null || x.t.Kind.IsNumeric() || x.t.Kind == catalog.Unknown {
		return true
	}
	c.ds.Errorf(spec.CodeType, e.Pos(), "%s needs numbers, but this is %s value", quoteOp(op), article(x.t.Kind))
	return false
}

func (c *checker) arithmetic(e *spec.Binary, l, r typed) typed {
	sql := &sqlast.Binary{Op: e.Op, L: l.sql, R: r.sql}
	if l.t.Kind.IsTemporal() && (e.Op == "+" || e.Op == "-") && (r.t.Kind == catalog.Interval || r.null) {
		t := l.t
		if t.Kind == catalog.Date { // both databases give a timestamp: an interval may hold hours
			t = catalog.Of(catalog.Timestamp)
		}
		return combine(sql, t, l, r)
	}
	if e.Op == "+" && (l.t.Kind == catalog.Text || r.t.Kind == catalog.Text) {
		c.ds.Errorf(spec.CodeType, e.OpSpan, "\"+\" adds numbers; to join text write a || b")
		return invalid
	}
	if l.t.Kind.IsTemporal() && (e.Op == "+" || e.Op == "-") && r.t.Kind.IsNumeric() {
		c.ds.Errorf(spec.CodeType, e.OpSpan, "cannot add a number to a date: write %s interval 'N days' (or another unit)", e.Op)
		return invalid
	}
	if !c.numeric(l, e.L, e.Op) || !c.numeric(r, e.R, e.Op) {
		return invalid
	}
	return combine(sql, arithmeticType(e.Op, l, r), l, r)
}

// arithmeticType is the result type of + - * % on two numbers: the wider
// kind; decimals keep exact precision and scale as SQL computes them.
func arithmeticType(op string, l, r typed) catalog.Type {
	if l.null {
		return r.t
	}
	if r.null {
		return l.t
	}
	lt, rt := l.t, r.t
	if lt.Kind.IsInteger() && rt.Kind.IsInteger() {
		return catalog.Of(widerInt(lt.Kind, rt.Kind))
	}
	if lt.Kind == catalog.Float32 || lt.Kind == catalog.Float64 || rt.Kind == catalog.Float32 || rt.Kind == catalog.Float64 {
		return catalog.Of(catalog.Float64)
	}
	lp, ls := decimalShape(lt)
	rp, rs := decimalShape(rt)
	if op == "*" {
		return catalog.Type{Kind: catalog.Decimal, Precision: min(38, lp+rp), Scale: ls + rs}
	}
	s := max(ls, rs)
	return catalog.Type{Kind: catalog.Decimal, Precision: min(38, max(lp-ls, rp-rs)+s+1), Scale: s}
}

func widerInt(a, b catalog.Kind) catalog.Kind { return max(a, b) }

// decimalShape gives the precision and scale an integer or decimal takes part with.
func decimalShape(t catalog.Type) (int, int) {
	switch t.Kind {
	case catalog.Int16:
		return 5, 0
	case catalog.Int32:
		return 10, 0
	case catalog.Int64:
		return 19, 0
	}
	if t.Precision == 0 {
		return 38, 9
	}
	return t.Precision, t.Scale
}

// comparable reports comparisons between values of unrelated types.
func (c *checker) comparable(l, r typed, at spec.Span, op string) {
	if !compatible(l, r) {
		c.ds.Errorf(spec.CodeType, at, "cannot compare %s value with %s value using %q", article(l.t.Kind), article(r.t.Kind), op)
	}
}

func compatible(l, r typed) bool {
	if l.null || r.null {
		return true
	}
	a, b := l.t.Kind, r.t.Kind
	switch {
	case a.IsNumeric() && b.IsNumeric(), a.IsTemporal() && b.IsTemporal(), a == b:
		return true
	case a.IsTemporal() && isTextLiteral(r), b.IsTemporal() && isTextLiteral(l):
		return true
	case a == catalog.Unknown || b == catalog.Unknown:
		return true
	}
	return false
}

func isTextLiteral(x typed) bool {
	lit, ok := x.sql.(*sqlast.Literal)
	return ok && lit.Kind == sqlast.String
}

func (c *checker) predicate(ctx *exprCtx, e spec.Expr) typed {
	switch e := e.(type) {
	case *spec.IsNull:
		x := c.expr(ctx, e.X)
		if !x.ok() {
			return invalid
		}
		return combine(&sqlast.IsNull{X: x.sql, Not: e.Not}, catalog.Of(catalog.Bool), x)
	case *spec.In:
		return c.in(ctx, e)
	case *spec.Between:
		return c.between(ctx, e)
	case *spec.Like:
		x, p := c.expr(ctx, e.X), c.expr(ctx, e.Pattern)
		if !x.ok() || !p.ok() {
			return invalid
		}
		for _, v := range []typed{x, p} {
			if !v.null && v.t.Kind != catalog.Text {
				c.ds.Errorf(spec.CodeType, e.Span, "like needs text, but one side is %s value", article(v.t.Kind))
				return invalid
			}
		}
		return combine(&sqlast.Like{X: x.sql, Pattern: p.sql, Not: e.Not, ILike: e.ILike}, catalog.Of(catalog.Bool), x, p)
	case *spec.Case:
		return c.caseExpr(ctx, e)
	case *spec.Cast:
		return c.cast(ctx, e)
	}
	panic(fmt.Sprintf("compiler: unexpected %T", e))
}

func (c *checker) in(ctx *exprCtx, e *spec.In) typed {
	x := c.expr(ctx, e.X)
	if !x.ok() {
		return invalid
	}
	if e.Query != nil {
		return c.inSubquery(ctx, e, x)
	}
	if e.Param != nil {
		p := c.paramRef(ctx, e.Param, true)
		if !p.ok() {
			return invalid
		}
		c.comparable(x, p, e.Param.Span, "in")
		return combine(&sqlast.In{X: x.sql, List: []sqlast.Expr{p.sql}, Not: e.Not}, catalog.Of(catalog.Bool), x)
	}
	out := &sqlast.In{X: x.sql, Not: e.Not}
	parts := []typed{x}
	for _, item := range e.List {
		v := c.expr(ctx, item)
		if !v.ok() {
			return invalid
		}
		c.comparable(x, v, item.Pos(), "in")
		out.List = append(out.List, v.sql)
		parts = append(parts, v)
	}
	return combine(out, catalog.Of(catalog.Bool), parts...)
}

func (c *checker) between(ctx *exprCtx, e *spec.Between) typed {
	x, lo, hi := c.expr(ctx, e.X), c.expr(ctx, e.Lo), c.expr(ctx, e.Hi)
	if !x.ok() || !lo.ok() || !hi.ok() {
		return invalid
	}
	c.comparable(x, lo, e.Lo.Pos(), "between")
	c.comparable(x, hi, e.Hi.Pos(), "between")
	return combine(&sqlast.Between{X: x.sql, Lo: lo.sql, Hi: hi.sql, Not: e.Not}, catalog.Of(catalog.Bool), x, lo, hi)
}

func (c *checker) caseExpr(ctx *exprCtx, e *spec.Case) typed {
	out := &sqlast.Case{}
	var parts, results []typed
	var operand typed
	if e.Operand != nil {
		if operand = c.expr(ctx, e.Operand); !operand.ok() {
			return invalid
		}
		out.Operand = operand.sql
		parts = append(parts, operand)
	}
	for _, w := range e.Whens {
		cond, res := c.expr(ctx, w.Cond), c.expr(ctx, w.Result)
		if !cond.ok() || !res.ok() {
			return invalid
		}
		if e.Operand != nil {
			c.comparable(operand, cond, w.Cond.Pos(), "case")
		} else {
			c.wantBool(cond, w.Cond, "when")
		}
		out.Whens = append(out.Whens, sqlast.When{Cond: cond.sql, Result: res.sql})
		parts, results = append(parts, cond, res), append(results, res)
	}
	if e.Else != nil {
		el := c.expr(ctx, e.Else)
		if !el.ok() {
			return invalid
		}
		out.Else = el.sql
		parts, results = append(parts, el), append(results, el)
	}
	t, ok := c.unify(results, e.Span, "the branches of case")
	if !ok {
		return invalid
	}
	return combine(out, t, parts...)
}

// unify finds the common type of several values (case branches, coalesce
// arguments): numbers widen, other kinds must agree.
func (c *checker) unify(xs []typed, at spec.Span, what string) (catalog.Type, bool) {
	var acc *typed
	for i := range xs {
		x := xs[i]
		if x.null {
			continue
		}
		if acc == nil {
			acc = &x
			continue
		}
		switch {
		case acc.t.Kind.IsNumeric() && x.t.Kind.IsNumeric():
			acc.t = arithmeticType("+", *acc, x)
		case !compatible(*acc, x):
			c.ds.Errorf(spec.CodeType, at, "%s mix %s and %s values", what, acc.t.Kind, x.t.Kind)
			return catalog.Type{}, false
		}
	}
	if acc == nil {
		return catalog.Of(catalog.Text), true
	}
	return acc.t, true
}

var castTypes = map[string]catalog.Kind{
	"smallint": catalog.Int16, "int2": catalog.Int16, "int": catalog.Int32, "integer": catalog.Int32, "int4": catalog.Int32,
	"bigint": catalog.Int64, "int8": catalog.Int64, "real": catalog.Float32, "float4": catalog.Float32,
	"double": catalog.Float64, "double precision": catalog.Float64, "float": catalog.Float64, "float8": catalog.Float64,
	"numeric": catalog.Decimal, "decimal": catalog.Decimal, "text": catalog.Text, "varchar": catalog.Text,
	"date": catalog.Date, "timestamp": catalog.Timestamp, "timestamptz": catalog.TimestampTZ,
	"bool": catalog.Bool, "boolean": catalog.Bool,
}

func (c *checker) cast(ctx *exprCtx, e *spec.Cast) typed {
	x := c.expr(ctx, e.X)
	if !x.ok() {
		return invalid
	}
	k, known := castTypes[e.Type.Name]
	if !known {
		names := make([]string, 0, len(castTypes))
		for n := range castTypes {
			names = append(names, n)
		}
		c.ds.Errorf(spec.CodeType, e.Type.Span, "unknown type %q in cast%s", e.Type.Name, spec.DidYouMean(e.Type.Name, names))
		return invalid
	}
	t := catalog.Of(k)
	if k == catalog.Decimal {
		t.Precision, t.Scale = 38, 0
		if len(e.Type.Args) > 0 {
			t.Precision = e.Type.Args[0]
		}
		if len(e.Type.Args) > 1 {
			t.Scale = e.Type.Args[1]
		}
		if t.Precision < 1 || t.Precision > 38 || t.Scale < 0 || t.Scale > t.Precision {
			c.ds.Errorf(spec.CodeType, e.Type.Span, "numeric(%d, %d): precision must be 1..38 and scale 0..precision", t.Precision, t.Scale)
			return invalid
		}
	}
	return combine(&sqlast.Cast{X: x.sql, Type: t}, t, x)
}

// article puts "a" or "an" before a kind's name.
func article(k catalog.Kind) string {
	name := k.String()
	if strings.ContainsRune("aeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

// quoteOp quotes an operator ("+") but not a function name (sum()).
func quoteOp(op string) string {
	if strings.HasSuffix(op, "()") {
		return op
	}
	return strconv.Quote(op)
}

// intervalRE is the interval text both databases read: N unit pairs.
var intervalRE = regexp.MustCompile(`^\s*(-?\d+(\.\d+)?\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s*)+$`)

// isTimestamp accepts the timestamp texts both databases read.
func isTimestamp(s string) bool {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02",
		"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999-07"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
