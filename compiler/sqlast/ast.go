package sqlast

import "github.com/assay-dev/assay/catalog"

// Expr is a SQL expression node. The set is closed: every node is in this
// file, but for Subquery (subquery.go).
type Expr interface{ sqlExpr() }

// Column is alias.column, both quoted when rendered.
type Column struct {
	Table  string // the alias in FROM; empty for an output name of an inner query
	Column string
}

// Param is a reference to a report parameter; the renderer turns it into a
// placeholder (or an inlined literal) with the value bound at run time.
type Param struct {
	Name string
	Type catalog.Type // the base type; List says whether it is a list
	List bool
}

// Literal is a constant written in the spec: a number, text, boolean or NULL.
type Literal struct {
	Kind  LiteralKind
	Text  string // number as written, or the text value
	Value bool   // for booleans
}

// LiteralKind says what a Literal holds.
type LiteralKind int

// Literal kinds.
const (
	Number LiteralKind = iota
	String
	Boolean
	Null
)

// TypedLiteral is DATE '…', TIMESTAMP '…' or INTERVAL '…' from the spec.
type TypedLiteral struct {
	Type  catalog.Kind // Date, Timestamp or Interval
	Value string
}

// Unary is NOT x or -x.
type Unary struct {
	Op string // "NOT" or "-"
	X  Expr
}

// Binary is an infix operator: + - * % || = <> < <= > >= AND OR, and
// IS NOT DISTINCT FROM (equality that treats two NULLs as equal).
// Division is the separate SafeDiv node.
type Binary struct {
	Op   string
	L, R Expr
}

// SafeDiv is L / R as floating point, NULL when R is 0 or NULL.
type SafeDiv struct{ L, R Expr }

// IsNull is x IS [NOT] NULL.
type IsNull struct {
	X   Expr
	Not bool
}

// In is x [NOT] IN (list…); a list param expands to one placeholder per value.
type In struct {
	X    Expr
	List []Expr
	Not  bool
}

// Between is x [NOT] BETWEEN lo AND hi.
type Between struct {
	X, Lo, Hi Expr
	Not       bool
}

// Like is x [NOT] LIKE|ILIKE pattern.
type Like struct {
	X, Pattern Expr
	Not, ILike bool
}

// When is one WHEN … THEN … arm.
type When struct{ Cond, Result Expr }

// Case is CASE [operand] WHEN … END.
type Case struct {
	Operand Expr
	Whens   []When
	Else    Expr
}

// Cast converts X to a logical type; the dialect names the SQL type.
type Cast struct {
	X    Expr
	Type catalog.Type
}

// Func is a call of a function of the report language by its logical name.
// Unit carries the unit word of date_part and date_diff.
type Func struct {
	Name     string
	Args     []Expr
	Star     bool // count(*)
	Distinct bool
	Filter   Expr // aggregate FILTER (WHERE …), nil when absent
	Unit     string
}

// Window is an aggregate or ranking function over a window of rows:
// FUNC(arg) OVER (PARTITION BY … ORDER BY … [ROWS UNBOUNDED PRECEDING]).
type Window struct {
	Func        string // SUM or RANK
	Arg         Expr   // nil for RANK
	PartitionBy []Expr
	OrderBy     []OrderItem
	Running     bool // frame from the first row of the partition to the current row
}

// DateShift is a date or timestamp moved back by N units of a calendar
// grain (day, week, month, quarter, year), keeping its type.
type DateShift struct {
	X    Expr
	N    int
	Unit string
	Type catalog.Type
}

func (*Window) sqlExpr()       {}
func (*DateShift) sqlExpr()    {}
func (*Column) sqlExpr()       {}
func (*Param) sqlExpr()        {}
func (*Literal) sqlExpr()      {}
func (*TypedLiteral) sqlExpr() {}
func (*Unary) sqlExpr()        {}
func (*Binary) sqlExpr()       {}
func (*SafeDiv) sqlExpr()      {}
func (*IsNull) sqlExpr()       {}
func (*In) sqlExpr()           {}
func (*Between) sqlExpr()      {}
func (*Like) sqlExpr()         {}
func (*Case) sqlExpr()         {}
func (*Cast) sqlExpr()         {}
func (*Func) sqlExpr()         {}
