package compiler

import (
	"strconv"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// The result rules of spec-language.md ("Result types are the same on every
// dialect"): each wraps the call in a CAST where databases disagree.

func castTo(sql sqlast.Expr, t catalog.Type) (sqlast.Expr, catalog.Type, bool) {
	return &sqlast.Cast{X: sql, Type: t}, t, true
}

func countResult(_ *checker, _ *spec.Call, _ []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	return sql, catalog.Of(catalog.Int64), true // bigint on every dialect
}

func sumResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	a := args[0]
	switch {
	case a.null:
		return castTo(sql, catalog.Of(catalog.Int64))
	case a.t.Kind.IsInteger():
		return castTo(sql, catalog.Of(catalog.Int64))
	case a.t.Kind == catalog.Decimal:
		_, s := decimalShape(a.t)
		return castTo(sql, catalog.Type{Kind: catalog.Decimal, Precision: 38, Scale: s})
	case a.t.Kind.IsNumeric():
		return castTo(sql, catalog.Of(catalog.Float64))
	}
	c.ds.Errorf(spec.CodeType, e.Args[0].Pos(), "sum() needs numbers, but this is %s value", article(a.t.Kind))
	return nil, catalog.Type{}, false
}

func floatResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !c.numeric(args[0], e.Args[0], e.Name+"()") {
		return nil, catalog.Type{}, false
	}
	return castTo(sql, catalog.Of(catalog.Float64))
}

func percentileResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	lit, ok := e.Args[1].(*spec.NumberLit)
	p, err := 0.0, error(nil)
	if ok {
		p, err = strconv.ParseFloat(lit.Text, 64)
	}
	if !ok || err != nil || p < 0 || p > 1 {
		c.ds.Errorf(spec.CodeArgs, e.Args[1].Pos(), "percentile() needs a number between 0 and 1 as its second argument, e.g. percentile(x, 0.9)")
		return nil, catalog.Type{}, false
	}
	return quantileResult(c, e, args, sql)
}

// quantileResult interpolates in double precision on every dialect (DuckDB
// would otherwise interpolate a decimal column in its own scale).
func quantileResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !c.numeric(args[0], e.Args[0], e.Name+"()") {
		return nil, catalog.Type{}, false
	}
	sql.Args[0] = &sqlast.Cast{X: sql.Args[0], Type: catalog.Of(catalog.Float64)}
	return sql, catalog.Of(catalog.Float64), true
}

// avgResult computes the average of integers and decimals as their exact
// sum divided by their count, so that every dialect rounds once, the same
// way (PostgreSQL's AVG would round a numeric to 16 digits first).
func avgResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !c.numeric(args[0], e.Args[0], "avg()") {
		return nil, catalog.Type{}, false
	}
	k := args[0].t.Kind
	if !k.IsInteger() && k != catalog.Decimal {
		return floatResult(c, e, args, sql)
	}
	sum := &sqlast.Func{Name: "sum", Args: sql.Args, Distinct: sql.Distinct, Filter: sql.Filter}
	count := &sqlast.Func{Name: "count", Args: sql.Args, Distinct: sql.Distinct, Filter: sql.Filter}
	return &sqlast.SafeDiv{L: sum, R: count}, catalog.Of(catalog.Float64), true
}

func sameResult(_ *checker, _ *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	return sql, args[0].t, true
}

func grainResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	a := args[0]
	if !a.t.Kind.IsTemporal() {
		c.ds.Errorf(spec.CodeType, e.Args[0].Pos(), "%s() needs a date or timestamp, but this is %s value", e.Name, article(a.t.Kind))
		return nil, catalog.Type{}, false
	}
	if local, ok := c.localGrain(args, sql); ok {
		return castTo(local, catalog.Of(a.t.Kind))
	}
	return castTo(sql, catalog.Of(a.t.Kind))
}

func datePartResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !args[0].t.Kind.IsTemporal() {
		c.ds.Errorf(spec.CodeType, e.Args[1].Pos(), "date_part() needs a date or timestamp, but this is %s value", article(args[0].t.Kind))
		return nil, catalog.Type{}, false
	}
	c.localPart(args, sql)
	return castTo(sql, catalog.Of(catalog.Int64))
}

func dateDiffResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	for i, a := range args {
		if !a.t.Kind.IsTemporal() {
			c.ds.Errorf(spec.CodeType, e.Args[i+1].Pos(), "date_diff() needs dates or timestamps, but this is %s value", article(a.t.Kind))
			return nil, catalog.Type{}, false
		}
	}
	return castTo(sql, catalog.Of(catalog.Int64))
}

func numericSameResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !c.numeric(args[0], e.Args[0], e.Name+"()") {
		return nil, catalog.Type{}, false
	}
	return castTo(sql, args[0].t)
}

func roundResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	if !c.numeric(args[0], e.Args[0], "round()") {
		return nil, catalog.Type{}, false
	}
	digits := 0
	if len(e.Args) == 2 {
		lit, ok := e.Args[1].(*spec.NumberLit)
		if !ok || !lit.IsInt {
			c.ds.Errorf(spec.CodeArgs, e.Args[1].Pos(), "round() takes a whole number of decimals, e.g. round(x, 2)")
			return nil, catalog.Type{}, false
		}
		digits, _ = strconv.Atoi(lit.Text)
	}
	t := args[0].t
	switch {
	case t.Kind == catalog.Float32 || t.Kind == catalog.Float64:
		t = catalog.Of(catalog.Float64)
	case t.Kind == catalog.Decimal || digits > 0:
		p, _ := decimalShape(t)
		t = catalog.Type{Kind: catalog.Decimal, Precision: min(38, p+1), Scale: max(0, min(digits, 38))}
	}
	return castTo(sql, t)
}

func unifyResult(c *checker, e *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	t, ok := c.unify(args, e.Span, "the arguments of "+e.Name+"()")
	if !ok {
		return nil, catalog.Type{}, false
	}
	return castTo(sql, t)
}

func textResult(_ *checker, _ *spec.Call, _ []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	return sql, catalog.Of(catalog.Text), true
}

func lengthResult(_ *checker, _ *spec.Call, _ []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	return castTo(sql, catalog.Of(catalog.Int64))
}

func fixedResult(k catalog.Kind) func(*checker, *spec.Call, []typed, *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
	return func(_ *checker, _ *spec.Call, _ []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool) {
		return sql, catalog.Of(k), true
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
