package compiler

import (
	"sort"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// function describes one function of the report language.
type function struct {
	aggregate bool
	minArgs   int
	maxArgs   int // -1: any number
	unit      []string
	// result computes the result type from the argument types and may wrap
	// the call (in a CAST) so the type is the same on every dialect.
	result func(c *checker, call *spec.Call, args []typed, sql *sqlast.Func) (sqlast.Expr, catalog.Type, bool)
}

var dateUnits = []string{"year", "quarter", "month", "week", "day", "dow", "isodow", "doy", "hour", "minute"}

// functions is the fixed function set of spec-language.md.
var functions = map[string]function{
	"count":        {aggregate: true, minArgs: 1, maxArgs: 1, result: countResult},
	"sum":          {aggregate: true, minArgs: 1, maxArgs: 1, result: sumResult},
	"avg":          {aggregate: true, minArgs: 1, maxArgs: 1, result: avgResult},
	"median":       {aggregate: true, minArgs: 1, maxArgs: 1, result: quantileResult},
	"percentile":   {aggregate: true, minArgs: 2, maxArgs: 2, result: percentileResult},
	"stddev":       {aggregate: true, minArgs: 1, maxArgs: 1, result: floatResult},
	"variance":     {aggregate: true, minArgs: 1, maxArgs: 1, result: floatResult},
	"min":          {aggregate: true, minArgs: 1, maxArgs: 1, result: sameResult},
	"max":          {aggregate: true, minArgs: 1, maxArgs: 1, result: sameResult},
	"day":          {minArgs: 1, maxArgs: 1, result: grainResult},
	"week":         {minArgs: 1, maxArgs: 1, result: grainResult},
	"month":        {minArgs: 1, maxArgs: 1, result: grainResult},
	"quarter":      {minArgs: 1, maxArgs: 1, result: grainResult},
	"year":         {minArgs: 1, maxArgs: 1, result: grainResult},
	"date_part":    {minArgs: 1, maxArgs: 1, unit: dateUnits, result: datePartResult},
	"date_diff":    {minArgs: 2, maxArgs: 2, unit: []string{"day", "month", "year"}, result: dateDiffResult},
	"abs":          {minArgs: 1, maxArgs: 1, result: numericSameResult},
	"floor":        {minArgs: 1, maxArgs: 1, result: numericSameResult},
	"ceil":         {minArgs: 1, maxArgs: 1, result: numericSameResult},
	"round":        {minArgs: 1, maxArgs: 2, result: roundResult},
	"coalesce":     {minArgs: 1, maxArgs: -1, result: unifyResult},
	"nullif":       {minArgs: 2, maxArgs: 2, result: unifyResult},
	"greatest":     {minArgs: 1, maxArgs: -1, result: unifyResult},
	"least":        {minArgs: 1, maxArgs: -1, result: unifyResult},
	"lower":        {minArgs: 1, maxArgs: 1, result: textResult},
	"upper":        {minArgs: 1, maxArgs: 1, result: textResult},
	"trim":         {minArgs: 1, maxArgs: 1, result: textResult},
	"substr":       {minArgs: 2, maxArgs: 3, result: textResult},
	"concat":       {minArgs: 1, maxArgs: -1, result: textResult},
	"length":       {minArgs: 1, maxArgs: 1, result: lengthResult},
	"current_date": {result: fixedResult(catalog.Date)},
	"now":          {result: fixedResult(catalog.TimestampTZ)},
}

// functionAliases are names from other SQL dialects and tools, with what
// to write instead.
var functionAliases = map[string]string{
	"mean": "avg(x)", "average": "avg(x)", "count_distinct": "count(distinct x)", "countdistinct": "count(distinct x)",
	"stdev": "stddev(x)", "std": "stddev(x)", "var": "variance(x)", "quantile": "percentile(x, p)",
	"ifnull": "coalesce(x, y)", "nvl": "coalesce(x, y)", "isnull": "x is null", "date_trunc": "day(x), week(x), month(x), quarter(x) or year(x)",
	"extract": "date_part(unit, x)", "datediff": "date_diff(unit, a, b)", "len": "length(x)", "substring": "substr(x, start, length)",
}

func functionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (c *checker) call(ctx *exprCtx, e *spec.Call) typed {
	if _, ok := windowHelpers[e.Name]; ok {
		return c.windowHelper(ctx, e)
	}
	if ctx.place == formulaPlace && windowAggregates[e.Name] {
		return c.windowAggregate(ctx, e)
	}
	if e.Over != nil && ctx.place == havingPlace && windowAggregates[e.Name] {
		c.ds.Errorf(spec.CodeWindow, e.Over.Span, "%s() over (…) is a window over the report's rows: define it as a formula and use the formula's name in having", e.Name)
		return invalid
	}
	if e.Over != nil {
		c.ds.Errorf(spec.CodeWindow, e.Over.Span, "over (…) belongs to window helpers and to sum, avg, min, max and count in formulas, not to %s() here", e.Name)
		return invalid
	}
	if e.Dir != "" {
		c.ds.Errorf(spec.CodeArgs, e.DirSpan, "%s is written only in rank(metric %s)", e.Dir, e.Dir)
		return invalid
	}
	fn, ok := functions[e.Name]
	if !ok {
		names := functionNames()
		if ctx.place == formulaPlace {
			for n := range windowHelpers {
				names = append(names, n)
			}
		}
		hint := spec.DidYouMean(e.Name, names)
		if alt, ok := functionAliases[e.Name]; ok {
			hint = " (write " + alt + ")"
		}
		c.ds.Errorf(spec.CodeUnknownFunction, e.NameSpan, "unknown function %s()%s", e.Name, hint)
		return invalid
	}
	if !c.callShape(ctx, e, fn) {
		return invalid
	}
	sql := &sqlast.Func{Name: e.Name, Star: e.Star, Distinct: e.Distinct}
	args := e.Args
	if fn.unit != nil {
		unit, ok := c.unit(e, fn.unit)
		if !ok {
			return invalid
		}
		sql.Unit, args = unit, args[1:]
	}
	inner := *ctx
	inner.inAgg = ctx.inAgg || fn.aggregate
	var parts []typed
	for _, a := range args {
		x := c.expr(&inner, a)
		if !x.ok() {
			return invalid
		}
		if fn.aggregate && x.agg {
			c.ds.Errorf(spec.CodeNestedAggregate, a.Pos(), "%s() cannot contain another aggregate", e.Name)
			return invalid
		}
		sql.Args = append(sql.Args, x.sql)
		parts = append(parts, x)
	}
	if fn.aggregate && !c.aggregateFilter(&inner, e, sql) {
		return invalid
	}
	if fn.aggregate {
		c.fanOut(ctx, e, args)
	}
	out, t, ok := fn.result(c, e, parts, sql)
	if !ok {
		return invalid
	}
	res := combine(out, t, parts...)
	if fn.aggregate {
		res.agg, res.bare = true, false
	}
	return res
}

// callShape checks where an aggregate may stand, and the argument count.
func (c *checker) callShape(ctx *exprCtx, e *spec.Call, fn function) bool {
	if fn.aggregate && (ctx.place == formulaPlace || ctx.place == havingPlace) {
		c.ds.Errorf(spec.CodeAggregateHere, e.NameSpan, "aggregate %s() in %s: they compute over the grouped rows; define a measure and use its name", e.Name, placeWord(ctx.place))
		return false
	}
	if fn.aggregate && ctx.inFilter {
		c.ds.Errorf(spec.CodeNestedAggregate, e.NameSpan, "aggregate %s() inside the filter of another aggregate: a filter tests one row at a time", e.Name)
		return false
	}
	if fn.aggregate && ctx.place == rowPlace {
		c.ds.Errorf(spec.CodeAggregateHere, e.NameSpan, "aggregate %s() is not allowed here: rows are not grouped yet (use it in a measure)", e.Name)
		return false
	}
	if fn.aggregate && ctx.inAgg {
		c.ds.Errorf(spec.CodeNestedAggregate, e.NameSpan, "aggregate %s() inside another aggregate", e.Name)
		return false
	}
	if !fn.aggregate && (e.Distinct || e.Filter != nil || e.Star) {
		c.ds.Errorf(spec.CodeArgs, e.Span, "%s() is not an aggregate: distinct, filter and * are not allowed", e.Name)
		return false
	}
	if e.Star && e.Name != "count" {
		c.ds.Errorf(spec.CodeArgs, e.Span, "only count(*) takes *")
		return false
	}
	if e.Distinct && e.Name != "count" && e.Name != "sum" && e.Name != "avg" {
		c.ds.Errorf(spec.CodeArgs, e.Span, "distinct is allowed in count, sum and avg only")
		return false
	}
	n := len(e.Args)
	if fn.unit != nil {
		n--
	}
	if e.Star {
		n = 1
	}
	if n < fn.minArgs || (fn.maxArgs >= 0 && n > fn.maxArgs) {
		c.ds.Errorf(spec.CodeArgs, e.Span, "%s() takes %s, found %d", e.Name, argCount(fn), n)
		return false
	}
	return true
}

func argCount(fn function) string {
	unit := ""
	if fn.unit != nil {
		unit = "a unit and "
	}
	switch {
	case fn.maxArgs < 0:
		return unit + "at least " + itoa(fn.minArgs) + " arguments"
	case fn.minArgs == fn.maxArgs && fn.minArgs == 1:
		return unit + "1 argument"
	case fn.minArgs == fn.maxArgs:
		return unit + itoa(fn.minArgs) + " arguments"
	}
	return unit + itoa(fn.minArgs) + " to " + itoa(fn.maxArgs) + " arguments"
}

// unit reads the unit word that is the first argument of date_part/date_diff.
func (c *checker) unit(e *spec.Call, units []string) (string, bool) {
	var word string
	switch a := e.Args[0].(type) {
	case *spec.Ident:
		if len(a.Parts) == 1 {
			word = strings.ToLower(a.Parts[0])
		}
	case *spec.StringLit:
		word = strings.ToLower(a.Value)
	}
	for _, u := range units {
		if u == word {
			return u, true
		}
	}
	c.ds.Errorf(spec.CodeArgs, e.Args[0].Pos(), "%s() needs a unit first: one of %s", e.Name, strings.Join(units, ", "))
	return "", false
}

// aggregateFilter translates `filter (where …)` and the measure's `where`.
func (c *checker) aggregateFilter(ctx *exprCtx, e *spec.Call, sql *sqlast.Func) bool {
	row := *ctx
	row.place, row.inAgg, row.inFilter = rowPlace, true, true
	sql.Filter = ctx.filter
	if e.Filter == nil {
		return true
	}
	f := c.expr(&row, e.Filter)
	if !f.ok() {
		return false
	}
	c.wantBool(f, e.Filter, "filter")
	if sql.Filter != nil {
		sql.Filter = &sqlast.Binary{Op: "AND", L: sql.Filter, R: f.sql}
	} else {
		sql.Filter = f.sql
	}
	return true
}
