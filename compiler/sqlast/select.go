package sqlast

// Select is one SELECT statement, optionally with CTEs.
type Select struct {
	Comment  string // printed as -- lines above the statement
	With     []CTE
	Distinct bool
	Columns  []SelectItem
	From     Table
	Joins    []Join
	Where    []Expr // ANDed
	GroupBy  []Expr
	// GroupingSets, when set, replaces GroupBy: GROUP BY GROUPING SETS ((…), …).
	GroupingSets [][]Expr
	Having       []Expr // ANDed
	OrderBy      []OrderItem
	Limit        *int64
	// UnionAll holds further SELECTs appended with UNION ALL.
	UnionAll []*Select
}

// CTE is one named subquery of WITH.
type CTE struct {
	Name  string
	Query *Select
}

// SelectItem is one output column: an expression and its name.
type SelectItem struct {
	Expr    Expr
	Alias   string
	Comment string // printed as a -- line above the item
}

// Table is a table in FROM or JOIN: schema (optional), name and alias.
// With Query set it is a derived table, (Query) AS Alias, which only a
// dialect's rewrite makes (a FULL JOIN written as a UNION ALL).
type Table struct {
	Schema, Name, Alias string
	Query               *Select
}

// JoinKind is INNER, LEFT, RIGHT or FULL.
type JoinKind string

// Join kinds.
const (
	Inner JoinKind = "INNER"
	Left  JoinKind = "LEFT"
	Right JoinKind = "RIGHT"
	Full  JoinKind = "FULL"
)

// Join is one JOIN … ON … clause.
type Join struct {
	Kind  JoinKind
	Table Table
	On    Expr
}

// OrderItem is one ORDER BY entry. Nulls are placed explicitly on every
// dialect so that the order does not depend on the database.
type OrderItem struct {
	Expr       Expr
	Desc       bool
	NullsFirst bool
	Text       bool // sort text by code point on every dialect
}
