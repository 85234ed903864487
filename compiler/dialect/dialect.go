package dialect

import (
	"fmt"
	"strconv"

	"github.com/assay-dev/assay/catalog"
)

// Dialect is everything that differs between databases in the SQL assay writes.
type Dialect struct {
	Name string
	// Placeholder spells the n-th (1-based) bind parameter.
	Placeholder func(n int) string
	// Types names each logical type in CAST; Decimal takes (p,s) appended.
	Types map[catalog.Kind]string
	// Funcs spells the functions of the report language. A pattern uses
	// {0}, {1}… for arguments, {args} for all of them, {distinct} for
	// "DISTINCT " when asked. A key "name/N" overrides "name" for N arguments,
	// "name:unit" for a unit word (date_diff).
	Funcs map[string]string
	// Refused lists the functions of the report language this database
	// cannot compute, each with the reason a report that uses one is told.
	// Every function of the language is in Funcs or in Refused.
	Refused map[string]string
	// Quote encloses identifiers; "" means the standard double quote.
	Quote string
	// Filter says whether aggregates take FILTER (WHERE …); without it
	// the renderer moves the condition into a CASE inside the aggregate.
	Filter bool
	// LikeEscape is appended to LIKE and ILIKE so that a backslash is an
	// ordinary character everywhere (PostgreSQL escapes with it by default).
	LikeEscape string
	// TextOrder is appended to ORDER BY on text so that text sorts by code
	// point everywhere, whatever the database's collation.
	TextOrder string
	// Literal writes one value as a literal of this dialect (for --inline).
	Literal func(v any, t catalog.Type) (string, error)
	// Positional says every placeholder binds its own value (MySQL's ?),
	// so a parameter or argument written twice is bound twice.
	Positional bool
	// Lacks names SQL features (GROUPING SETS, FULL JOIN, ILIKE, INTERVAL)
	// this database does not have, each with the error a query that needs
	// one gets when it is rendered.
	Lacks map[string]string
	// NoNullsOrder says ORDER BY takes no NULLS FIRST/LAST; the renderer
	// sorts by "x IS NULL" first instead.
	NoNullsOrder bool
	// SeparateWindowSorts writes every window's PARTITION BY so that
	// windows with different partitions never share a sort
	// (window_sorts.go), for MariaDB, which computes a window in the
	// order of an incompatible one when a third window's sort is a prefix
	// of both.
	SeparateWindowSorts bool
	// ConcatFunc says || is not concatenation; the renderer writes CONCAT.
	ConcatFunc bool
	// ShiftPattern spells x shifted back n units ({x}, {n}, {unit});
	// "" means the standard x - INTERVAL 'n units'.
	ShiftPattern string
	// CastLiterals writes typed literals as CAST('…' AS type).
	CastLiterals bool
	// UnionGroupingSets writes GROUP BY GROUPING SETS as a UNION ALL of
	// one GROUP BY per set (grouping_sets.go), for a database without
	// grouping sets.
	UnionGroupingSets bool
	// FullJoinUnion writes a FULL JOIN as a derived table, the UNION ALL
	// of a LEFT JOIN and of the right table's unmatched rows (full_join.go),
	// for a database without FULL JOIN.
	FullJoinUnion bool
	// IntervalArith writes x ± interval '…' as x ± INTERVAL n MONTH ±
	// INTERVAL n MICROSECOND (interval_arith.go); an interval literal
	// anywhere else is still what Lacks["INTERVAL"] says.
	IntervalArith bool
	// ILikeLower writes x ILIKE p as LOWER(x) LIKE LOWER(p), for a
	// database without ILIKE whose text compares case-sensitively.
	ILikeLower bool
	// QuantileRows writes median and percentile with row numbers over a
	// CTE of the rows (quantile.go), for a database without an exact
	// PERCENTILE_CONT; Funcs then only names them.
	QuantileRows bool
	// NullSafeEqual spells IS NOT DISTINCT FROM ("" keeps the standard
	// form; MySQL's is <=>).
	NullSafeEqual string
}

// String returns the dialect's name, so that a *Dialect prints as its name.
func (d *Dialect) String() string { return d.Name }

// ByName returns the dialect called name. It serves the --dialect flag of
// `assay sql`; the engine renders with a backend's *Dialect value directly.
func ByName(name string) (*Dialect, error) {
	switch name {
	case "postgres", "postgresql":
		return Postgres, nil
	case "duckdb":
		return DuckDB, nil
	case "mysql", "mariadb":
		return MySQL, nil
	}
	return nil, fmt.Errorf("unknown dialect %q (expected postgres, duckdb or mysql)", name)
}

// commonFuncs are spelled the same on PostgreSQL and DuckDB.
var commonFuncs = map[string]string{
	"count": "COUNT({distinct}{args})", "sum": "SUM({distinct}{args})", "avg": "AVG({distinct}{args})",
	"min": "MIN({args})", "max": "MAX({args})",
	"stddev": "STDDEV_SAMP({0})", "variance": "VAR_SAMP({0})",
	"day": "DATE_TRUNC('day', {0})", "week": "DATE_TRUNC('week', {0})", "month": "DATE_TRUNC('month', {0})",
	"quarter": "DATE_TRUNC('quarter', {0})", "year": "DATE_TRUNC('year', {0})",
	"date_part": "EXTRACT({unit} FROM {0})",
	"abs":       "ABS({0})", "floor": "FLOOR({0})", "ceil": "CEIL({0})", "round": "ROUND({args})",
	"coalesce": "COALESCE({args})", "nullif": "NULLIF({0}, {1})",
	"greatest": "GREATEST({args})", "least": "LEAST({args})",
	"lower": "LOWER({0})", "upper": "UPPER({0})", "length": "LENGTH({0})", "trim": "TRIM({0})",
	"substr": "SUBSTR({args})", "concat": "CONCAT({args})",
	"current_date": "CURRENT_DATE", "now": "NOW()", "grouping": "GROUPING({args})",
	// local_time is the wall time of an instant in a time zone (a
	// timestamp); zoned_time the instant of a wall time in a time zone.
	"local_time": "({0} AT TIME ZONE {1})", "zoned_time": "({0} AT TIME ZONE {1})",
}

func merge(base, over map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

func dollar(n int) string { return "$" + strconv.Itoa(n) }

// Postgres is PostgreSQL 12 and later.
var Postgres = &Dialect{
	Name:        "postgres",
	Filter:      true,
	Placeholder: dollar,
	Types: map[catalog.Kind]string{
		catalog.Bool: "BOOLEAN", catalog.Int16: "SMALLINT", catalog.Int32: "INTEGER", catalog.Int64: "BIGINT",
		catalog.Float32: "REAL", catalog.Float64: "DOUBLE PRECISION", catalog.Decimal: "NUMERIC",
		catalog.Text: "TEXT", catalog.Date: "DATE", catalog.Timestamp: "TIMESTAMP",
		catalog.TimestampTZ: "TIMESTAMPTZ", catalog.Interval: "INTERVAL", catalog.UUID: "UUID",
		catalog.JSON: "JSONB", catalog.Bytes: "BYTEA",
	},
	Funcs: merge(commonFuncs, map[string]string{
		"median":          "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY {0})",
		"percentile":      "PERCENTILE_CONT({1}) WITHIN GROUP (ORDER BY {0})",
		"round/1":         "ROUND(CAST({0} AS NUMERIC))",
		"round/2":         "ROUND(CAST({0} AS NUMERIC), {1})",
		"date_diff:day":   "(CAST({1} AS DATE) - CAST({0} AS DATE))",
		"date_diff:month": "((EXTRACT(YEAR FROM {1}) - EXTRACT(YEAR FROM {0})) * 12 + EXTRACT(MONTH FROM {1}) - EXTRACT(MONTH FROM {0}))",
		"date_diff:year":  "(EXTRACT(YEAR FROM {1}) - EXTRACT(YEAR FROM {0}))",
	}),
	LikeEscape: " ESCAPE ''",
	TextOrder:  ` COLLATE "C"`,
	Literal:    standardLiteral("DOUBLE PRECISION"),
}

// DuckDB is DuckDB 1.x.
var DuckDB = &Dialect{
	Name:        "duckdb",
	Filter:      true,
	Placeholder: dollar,
	Types: map[catalog.Kind]string{
		catalog.Bool: "BOOLEAN", catalog.Int16: "SMALLINT", catalog.Int32: "INTEGER", catalog.Int64: "BIGINT",
		catalog.Float32: "FLOAT", catalog.Float64: "DOUBLE", catalog.Decimal: "DECIMAL",
		catalog.Text: "VARCHAR", catalog.Date: "DATE", catalog.Timestamp: "TIMESTAMP",
		catalog.TimestampTZ: "TIMESTAMPTZ", catalog.Interval: "INTERVAL", catalog.UUID: "UUID",
		catalog.JSON: "JSON", catalog.Bytes: "BLOB",
	},
	Funcs: merge(commonFuncs, map[string]string{
		"median":          "QUANTILE_CONT({0}, 0.5)",
		"percentile":      "QUANTILE_CONT({0}, {1})",
		"date_diff:day":   "DATE_DIFF('day', {0}, {1})",
		"date_diff:month": "DATE_DIFF('month', {0}, {1})",
		"date_diff:year":  "DATE_DIFF('year', {0}, {1})",
	}),
	Literal: standardLiteral("DOUBLE"),
}

// TypeName spells t for a CAST in this dialect.
func (d *Dialect) TypeName(t catalog.Type) string {
	name := d.Types[t.Kind]
	if name == "" {
		name = d.Types[catalog.Text]
	}
	if t.Kind == catalog.Decimal && t.Precision > 0 {
		name += fmt.Sprintf("(%d, %d)", t.Precision, t.Scale)
	}
	return name
}
