package result

// DefaultMaxColumns is the number of distinct values a pivot turns into
// columns at most, unless the spec's max_columns says otherwise.
const DefaultMaxColumns = 200

// MaxPivotColumns is the largest max_columns a spec may give: Excel's
// column limit, 16,384.
const MaxPivotColumns = 16384

// Pivot is a checked `pivot:` block: the display outputs (table, HTML,
// XLSX, formatted CSV) turn the values of Column into columns, one group
// of Values each; the raw outputs keep the long shape.
type Pivot struct {
	// Column is the dimension whose values become columns.
	Column string
	// Values are the measures and formulas shown for each value of Column,
	// in the spec's order.
	Values []string
	// MaxColumns is the largest number of distinct values of Column a run
	// may have (NULL counts as one); more is an error before anything is
	// written.
	MaxColumns int
	// Rows are the other dimensions, in the result's column order: they
	// stay as rows.
	Rows []string
	// ColumnOrder is how the values of Column are sorted: the direction
	// and NULL placement of its `order:` entry, ascending NULLS LAST
	// without one.
	ColumnOrder SortKey
	// RowOrder sorts the rows: the dimensions of Rows named in `order:`,
	// in that order and direction, then the others ascending NULLS LAST.
	RowOrder []SortKey
	// Totals are the dimensions of `totals:` (subtotals that keep each of
	// them and roll up the others); nil without totals or for `totals:
	// true`. The display uses them to tell which dimensions a subtotal row
	// rolled up.
	Totals []string
}

// SortKey is one dimension of a pivot's sort order.
type SortKey struct {
	Name       string
	Desc       bool
	NullsFirst bool
}
