package spec

// Str is a scalar string from the YAML file with its span.
type Str struct {
	Value string
	Span  Span
}

// Report is one parsed report spec. It is the syntax tree only: names are
// not resolved and types are not known until the compiler checks it.
type Report struct {
	File        *File
	Name        Str
	Title       Str
	Description Str
	Params      []*Param
	// Sources holds one entry for a single-source report written at the top
	// level (its Name is the report's name) or one per `sources:` entry.
	Sources  []*Source
	Formulas []*Formula
	Having   []Expr
	Order    []*OrderItem
	Limit    *Limit
	Totals   *Totals
	Columns  []Str
	Outliers []*OutlierRule
	Scores   []*Score
	Format   []*FormatEntry
	Charts   []*Chart
	// Pivot is the pivot: block; nil without one.
	Pivot *Pivot
	// Timezone is the report's own `timezone:` (an IANA name), which
	// overrides the project's for relative dates, time grains and
	// date_part of instants; empty when not given.
	Timezone Str
	// Shorthand is true when the single source is written at the top level.
	Shorthand bool
}

// Formula is a named expression over the grouped rows: it refers to
// dimensions, measures and other formulas by name.
type Formula struct {
	Name Str
	Expr Expr
}

// Totals asks for subtotal rows per listed dimension and a grand total,
// or (All) only the grand total.
type Totals struct {
	All  bool
	Dims []Str
	// Rollup is true for {rollup: [a, b, c]}: Dims is a hierarchy, giving
	// the sets (a, b, c), (a, b), (a) and () as SQL's ROLLUP does.
	Rollup bool
	Span   Span
}

// OutlierRule is one entry of outliers:. The compiler checks the method
// and direction against the one list of them (compiler/result).
type OutlierRule struct {
	Metric Str
	// Method is nil without `method:`; its Span is invalid when the value
	// was not a scalar (already reported).
	Method      *Str
	Threshold   *Number
	K           *Number
	Alpha       *Number
	MaxOutliers *Number
	// Direction is nil without `direction:`, as Method.
	Direction *Str
	Within    []Str
	MinGroup  *Number
	Span      Span
}

// Number is a numeric scalar from the YAML file.
type Number struct {
	Value float64
	Span  Span
}

// Score is one entry of scores: a percentile-rank blend of weighted metrics.
type Score struct {
	Name    Str
	Weights []Weight
}

// Weight is one metric of a score with its weight (negative: lower is better).
type Weight struct {
	Metric Str
	Weight Number
}

// FormatEntry is the display format of one output column.
type FormatEntry struct {
	Name     Str
	Style    Str // number (default), currency, percent
	Decimals *Number
	Currency Str
	Label    Str
	Date     Str // a date pattern such as YYYY-MM-DD
	// Null is the display text of NULL; nil when not written.
	Null *Str
	Span Span
}

// Chart is one entry of charts:.
type Chart struct {
	Type Str
	X    Str
	// Y holds one column (y: a) or several (y: [a, b]).
	Y      []Str
	Series Str
	Title  Str
	// Stacked stacks bars or areas; StackedSpan is where it is written.
	Stacked     bool
	StackedSpan Span
	Span        Span
}

// Pivot is the pivot: block: the values of one dimension become columns
// in the display formats.
type Pivot struct {
	// Column is the dimension whose values become columns.
	Column Str
	// Values are the measures and formulas shown under each column.
	Values []Str
	// MaxColumns is nil when not written (the default applies).
	MaxColumns *Number
	Span       Span
}

// Param is a typed report parameter.
type Param struct {
	Name     Str
	Type     ParamType
	Optional bool
	// Default is the default value as written, or nil without one.
	Default *Str
	Span    Span
}

// ParamType is a parameter type: a base type, possibly a list of it.
type ParamType struct {
	Base string // int, number, text, bool, date, timestamp
	List bool
	Span Span
}

// String prints the type as written in specs, e.g. "list<int>".
func (t ParamType) String() string {
	if t.List {
		return "list<" + t.Base + ">"
	}
	return t.Base
}

// Source is one fact table with its joins, filters, dimensions and measures;
// it compiles to one SELECT … GROUP BY.
type Source struct {
	Name       Str
	From       TableRef
	Joins      []*Join
	Where      []Expr
	Dimensions []*Dimension
	Measures   []*Measure
	Distinct   bool
	Span       Span
	// Shorthand is true for the single source written at the top level.
	Shorthand bool
}

// TableRef is "table [alias]" in from, schema.table allowed.
type TableRef struct {
	Schema Str // empty Value for the default schema
	Table  Str
	Alias  Str // the table name when no alias is written
}

// Join is one entry of joins: an alias for a table joined on a condition.
type Join struct {
	Alias        Str
	Table        TableRef
	Kind         Str // inner (default), left, right, full
	On           Expr
	Relationship Str // empty when it is to be inferred
	Span         Span
}

// Dimension is a named grouping expression.
type Dimension struct {
	Name Str
	Expr Expr
}

// Measure is a named aggregate, optionally restricted by its own filter.
type Measure struct {
	Name  Str
	Expr  Expr
	Where Expr // nil when the measure has no `where`
}

// OrderItem is one entry of order: an output name, a direction and where
// NULLs go.
type OrderItem struct {
	Name Str
	Desc bool
	// NullsFirst is nil when not written (NULLS LAST is the default).
	NullsFirst *bool
	Span       Span
}

// Limit is the maximum number of output rows.
type Limit struct {
	N    int64
	Span Span
}
