package dialect

import (
	"fmt"
	"strconv"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// quantileRowsName starts the name of the CTE that holds the rows of a
// SELECT whose median or percentile is computed by row numbers
// (Dialect.QuantileRows); a number follows, one per rewritten SELECT of
// the statement.
const quantileRowsName = "_quantile_rows"

// quantiles are the functions of the report language QuantileRows writes
// with row numbers.
var quantiles = map[string]bool{"median": true, "percentile": true}

// quantileRows rewrites the SELECTs of s and of its UNION ALL branches
// (a total's grouping sets are branches by now) that compute a median or a
// percentile, for a database without an exact PERCENTILE_CONT
// (Dialect.QuantileRows). Each becomes a CTE of the SELECT's rows, before
// grouping: the columns its grouping, ordering and having read, every
// other aggregate's argument and filter, and for each quantile argument x
// (after its measure's filter, a double)
//
//	x, ROW_NUMBER() OVER (PARTITION BY keys ORDER BY x IS NULL, x) AS rn,
//	   COUNT(x) OVER (PARTITION BY keys) AS n
//
// where keys are the SELECT's GROUP BY expressions, and a SELECT that
// groups the CTE's rows by the same keys. There percentile(x, p) is
// PostgreSQL's percentile_cont in its own order of floating-point
// operations (orderedsetaggs.c): with pos = p * (n - 1) in double
// precision, lo the value of row floor(pos) + 1 and hi that of row
// ceil(pos) + 1, it is lo when pos has no fraction and
// lo + ((pos - floor(pos)) * (hi - lo)) otherwise; NULL when x is NULL on
// every row. The quantiles of one argument share their row numbers.
//
// A subquery outside an aggregate (in having) of such a SELECT is refused:
// it would read the SELECT's tables, which the grouping SELECT no longer
// has.
func (r *renderer) quantileRows(s *sqlast.Select) (*sqlast.Select, error) {
	selects := append([]*sqlast.Select{s}, s.UnionAll...)
	found := false
	for _, x := range selects {
		found = found || hasQuantile(x)
	}
	if !found {
		return s, nil
	}
	if len(s.UnionAll) > 0 && (len(s.OrderBy) > 0 || s.Limit != nil) {
		return nil, fmt.Errorf("median and percentile of an ordered UNION ALL cannot be written on %s", r.d.Name)
	}
	var ctes []sqlast.CTE
	out := make([]*sqlast.Select, len(selects))
	for i, x := range selects {
		if !hasQuantile(x) {
			b := *x
			b.UnionAll = nil
			out[i] = &b
			continue
		}
		if i > 0 && len(x.With) > 0 {
			return nil, fmt.Errorf("median and percentile in a UNION ALL branch with a WITH of its own cannot be written on %s", r.d.Name)
		}
		r.quantileCTEs++
		q := &quantileRewrite{d: r.d, cte: quantileRowsName + strconv.Itoa(r.quantileCTEs), src: x,
			cols: map[string]string{}, vals: map[string]int{}, aliases: map[string]bool{}}
		for _, c := range x.Columns {
			q.aliases[c.Alias] = true
		}
		rewritten, err := q.rewrite()
		if err != nil {
			return nil, err
		}
		ctes = append(ctes, sqlast.CTE{Name: q.cte, Query: q.inner})
		out[i] = rewritten
	}
	top := out[0]
	top.With = append(append([]sqlast.CTE(nil), s.With...), ctes...)
	top.Comment = s.Comment
	top.UnionAll = out[1:]
	return top, nil
}

// hasQuantile reports whether a column, having or ORDER BY expression of
// s (not of a subquery in it) calls median or percentile.
func hasQuantile(s *sqlast.Select) bool {
	var exprs []sqlast.Expr
	for _, c := range s.Columns {
		exprs = append(exprs, c.Expr)
	}
	exprs = append(exprs, s.Having...)
	for _, o := range s.OrderBy {
		exprs = append(exprs, o.Expr)
	}
	var found func(e sqlast.Expr) bool
	found = func(e sqlast.Expr) bool {
		if f, ok := e.(*sqlast.Func); ok && quantiles[f.Name] {
			return true
		}
		for _, x := range sqlast.Children(e) {
			if found(x) {
				return true
			}
		}
		return false
	}
	for _, e := range exprs {
		if e != nil && found(e) {
			return true
		}
	}
	return false
}

// quantileRewrite splits one SELECT into the CTE of its rows (inner) and
// the SELECT that groups them.
type quantileRewrite struct {
	d       *Dialect
	cte     string
	src     *sqlast.Select
	inner   *sqlast.Select
	cols    map[string]string // a row-level expression (sqlast.Format) → its CTE column
	vals    map[string]int    // a quantile argument (sqlast.Format) → its number
	aliases map[string]bool   // the output names of src
	err     error
}

func (q *quantileRewrite) rewrite() (*sqlast.Select, error) {
	s := q.src
	q.inner = &sqlast.Select{From: s.From, Joins: s.Joins, Where: s.Where}
	out := &sqlast.Select{Distinct: s.Distinct, From: sqlast.Table{Name: q.cte}, Limit: s.Limit}
	if s.Comment != "" {
		out.Comment = s.Comment
	}
	out.With = s.With
	for _, c := range s.Columns {
		out.Columns = append(out.Columns, sqlast.SelectItem{Expr: q.grouped(c.Expr, false), Alias: c.Alias, Comment: c.Comment})
	}
	for _, g := range s.GroupBy {
		out.GroupBy = append(out.GroupBy, q.grouped(g, false))
	}
	for _, h := range s.Having {
		out.Having = append(out.Having, q.grouped(h, true))
	}
	for _, o := range s.OrderBy {
		o.Expr = q.grouped(o.Expr, true)
		out.OrderBy = append(out.OrderBy, o)
	}
	if len(s.GroupingSets) > 0 {
		q.fail("median and percentile with GROUPING SETS cannot be written on %s", q.d.Name)
	}
	return out, q.err
}

func (q *quantileRewrite) fail(format string, args ...any) {
	if q.err == nil {
		q.err = fmt.Errorf(format, args...)
	}
}

// column returns the CTE's column that holds the row-level expression e,
// adding it on first use.
func (q *quantileRewrite) column(e sqlast.Expr) *sqlast.Column {
	k := sqlast.Format(e)
	name, ok := q.cols[k]
	if !ok {
		name = "_c" + strconv.Itoa(len(q.cols)+1)
		q.cols[k] = name
		q.inner.Columns = append(q.inner.Columns, sqlast.SelectItem{Expr: e, Alias: name})
	}
	return &sqlast.Column{Table: q.cte, Column: name}
}

// grouped rewrites an expression evaluated per group: its columns read
// the CTE; an aggregate reads its argument and filter, computed per row,
// from the CTE. outputNames says an unqualified column may be an output
// name (having, ORDER BY), which stays as it is.
func (q *quantileRewrite) grouped(e sqlast.Expr, outputNames bool) sqlast.Expr {
	if e == nil {
		return nil
	}
	switch e := e.(type) {
	case *sqlast.Column:
		if e.Table == "" && outputNames && q.aliases[e.Column] {
			return e
		}
		return q.column(e)
	case *sqlast.Func:
		if quantiles[e.Name] {
			return q.quantile(e)
		}
		if aggregates[e.Name] {
			out := &sqlast.Func{Name: e.Name, Star: e.Star, Distinct: e.Distinct, Unit: e.Unit}
			for _, a := range e.Args {
				out.Args = append(out.Args, q.rowLevel(a))
			}
			if e.Filter != nil {
				out.Filter = q.rowLevel(e.Filter)
			}
			return out
		}
	case *sqlast.Subquery:
		q.fail("median and percentile with a subquery outside an aggregate (in having) cannot be written on %s", q.d.Name)
		return e
	}
	return sqlast.MapChildren(e, func(x sqlast.Expr) sqlast.Expr { return q.grouped(x, outputNames) })
}

// rowLevel returns an aggregate's argument or filter as a column of the
// CTE; a constant stays as it is.
func (q *quantileRewrite) rowLevel(e sqlast.Expr) sqlast.Expr {
	switch e.(type) {
	case *sqlast.Literal, *sqlast.TypedLiteral, *sqlast.Param:
		return e
	}
	return q.column(e)
}

// quantile writes median(x) or percentile(x, p) over the CTE's rows.
func (q *quantileRewrite) quantile(f *sqlast.Func) sqlast.Expr {
	if f.Distinct || f.Star || len(f.Args) == 0 {
		q.fail("%s with distinct or * cannot be written on %s", f.Name, q.d.Name)
		return f
	}
	x := f.Args[0]
	if f.Filter != nil {
		x = &sqlast.Case{Whens: []sqlast.When{{Cond: f.Filter, Result: x}}}
	}
	var p sqlast.Expr = &sqlast.Literal{Kind: sqlast.Number, Text: "0.5"}
	if f.Name == "percentile" {
		if len(f.Args) != 2 {
			q.fail("percentile needs two arguments")
			return f
		}
		p = f.Args[1]
	}
	k := sqlast.Format(x)
	i, ok := q.vals[k]
	if !ok {
		i = len(q.vals) + 1
		q.vals[k] = i
		n := strconv.Itoa(i)
		keys := q.src.GroupBy
		q.inner.Columns = append(q.inner.Columns,
			sqlast.SelectItem{Expr: x, Alias: "_qv" + n},
			sqlast.SelectItem{Expr: &sqlast.Window{Func: "ROW_NUMBER", PartitionBy: keys, OrderBy: []sqlast.OrderItem{{Expr: x}}}, Alias: "_qr" + n},
			sqlast.SelectItem{Expr: &sqlast.Window{Func: "COUNT", Arg: x, PartitionBy: keys}, Alias: "_qn" + n})
	}
	n := strconv.Itoa(i)
	col := func(prefix string) sqlast.Expr { return &sqlast.Column{Table: q.cte, Column: prefix + n} }
	num := func(s string) sqlast.Expr { return &sqlast.Literal{Kind: sqlast.Number, Text: s} }
	// pos = p * (n - 1), in double precision as PostgreSQL computes it.
	pos := func() sqlast.Expr {
		return &sqlast.Binary{Op: "*", L: &sqlast.Cast{X: p, Type: catalog.Of(catalog.Float64)}, R: &sqlast.Binary{Op: "-", L: col("_qn"), R: num("1")}}
	}
	// valueAt is the value of row round(pos) + 1 of the group.
	valueAt := func(round string) sqlast.Expr {
		row := &sqlast.Binary{Op: "+", L: &sqlast.Func{Name: round, Args: []sqlast.Expr{pos()}}, R: num("1")}
		return &sqlast.Func{Name: "max", Args: []sqlast.Expr{&sqlast.Case{Whens: []sqlast.When{{
			Cond: &sqlast.Binary{Op: "=", L: col("_qr"), R: row}, Result: col("_qv")}}}}}
	}
	fraction := &sqlast.Func{Name: "max", Args: []sqlast.Expr{&sqlast.Binary{Op: "-", L: pos(), R: &sqlast.Func{Name: "floor", Args: []sqlast.Expr{pos()}}}}}
	lo, hi := valueAt("floor"), valueAt("ceil")
	return &sqlast.Case{
		Whens: []sqlast.When{{Cond: &sqlast.Binary{Op: "=", L: fraction, R: num("0")}, Result: lo}},
		Else:  &sqlast.Binary{Op: "+", L: lo, R: &sqlast.Binary{Op: "*", L: fraction, R: &sqlast.Binary{Op: "-", L: hi, R: lo}}},
	}
}
