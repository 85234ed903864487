package reports

import (
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// TotalText is the text of a rolled-up dimension on a totals row and the
// header of a pivot's Total column.
const TotalText = "Total"

// Grid is a result laid out for people by `pivot:` (BuildGrid): header
// levels, then rows of typed cells, every cell with the display text of
// its column's format. The table, the HTML report and the formatted CSV
// write it; an XLSX writer can read the same model (the typed values and
// the formats for number formats, Total for bold rows, Outlier for fills).
type Grid struct {
	// Columns are the leaf columns, left to right: the row dimensions
	// first (Key), then one column per pivot value and measure.
	Columns []GridColumn
	// Header holds the header levels, top first. Each level's spans add up
	// to len(Columns). With one value there is one level (the row
	// dimensions' labels and the pivot values); with several, two: the
	// pivot values spanning their measures (over an empty cell spanning
	// the row dimensions), then the dimensions' and measures' labels.
	Header [][]HeaderCell
	// Rows are the pivoted rows, sorted (see result.Pivot.RowOrder), the
	// totals rows after the rows they sum.
	Rows []GridRow
	// SourceRows is the number of rows of the long result that were read.
	SourceRows int64
	// FlaggedRows is the number of long rows an outlier rule flagged.
	FlaggedRows int64
	// HasFlags says the result has outlier flag columns.
	HasFlags bool
}

// GridColumn is one leaf column of a grid.
type GridColumn struct {
	// Name is the result column the cells come from: a row dimension or a
	// pivot value (a measure or formula).
	Name string
	// Label is the leaf header: the format's label, else Name (with one
	// value, the pivot value's text instead).
	Label string
	// Type is the Arrow type of the cells' values; Format their format
	// (the zero Format when the spec gives none).
	Type   arrow.DataType
	Format result.Format
	// Numeric says the cells hold numbers (right-aligned).
	Numeric bool
	// Key marks a row dimension.
	Key bool
	// Group is the index of the pivot column the leaf belongs to, in the
	// order shown, or -1 for a row dimension.
	Group int
	// PivotText is the display text of the pivot value (the format's null
	// text for NULL, TotalText for the Total column); PivotValue its typed
	// value (nil for NULL and Total).
	PivotText  string
	PivotValue any
	// Total marks the columns of the Total group.
	Total bool
}

// HeaderCell is one cell of a header level, spanning Span leaf columns.
type HeaderCell struct {
	Text    string
	Span    int
	Numeric bool
}

// GridRow is one row of a grid.
type GridRow struct {
	// Total marks a subtotal or grand-total row: a row dimension is rolled
	// up (its key cell reads TotalText).
	Total bool
	// Flagged says an outlier rule flagged one of the row's cells.
	Flagged bool
	// Cells has one cell per column of the grid.
	Cells []Cell
}

// CellKind says what a grid cell holds.
type CellKind uint8

const (
	// CellMissing is a combination the result does not have: an empty
	// cell, never zero.
	CellMissing CellKind = iota
	// CellNull is a NULL value: Text is the column's null text.
	CellNull
	// CellValue is a value: Value holds it typed.
	CellValue
	// CellTotal is a rolled-up dimension of a totals row: Text is TotalText.
	CellTotal
)

// Cell is one cell of a grid.
type Cell struct {
	Kind CellKind
	// Text is the display text: the formatted value, the null text,
	// TotalText, or "" for a missing cell. Control characters are kept;
	// each writer escapes them its own way.
	Text string
	// Value is the typed value of a CellValue: int64 (signed integers),
	// uint64, float64, Decimal, time.Time (a date is midnight UTC; a
	// timestamp with a time zone is in UTC), string, bool, or the raw text
	// (a string) of other types. Nil for the other kinds.
	Value any
	// Outlier says the cell's value was flagged by an outlier rule on its
	// measure; Score is that rule's score as displayed ("" without one).
	Outlier bool
	Score   string
}

// Decimal is an exact decimal value as plain text ("-12.50").
type Decimal string

// Float64 returns the nearest float64 of d.
func (d Decimal) Float64() float64 {
	f, _ := strconv.ParseFloat(string(d), 64)
	return f
}

// typedValue returns the non-NULL value at row i of arr as a Cell.Value.
// raw appends the raw text of the value (the CSV text), used for the
// types without a Go value of their own.
func typedValue(arr arrow.Array, i int, raw appendFunc) any {
	switch a := arr.(type) {
	case *array.Int8:
		return int64(a.Value(i))
	case *array.Int16:
		return int64(a.Value(i))
	case *array.Int32:
		return int64(a.Value(i))
	case *array.Int64:
		return a.Value(i)
	case *array.Uint8:
		return uint64(a.Value(i))
	case *array.Uint16:
		return uint64(a.Value(i))
	case *array.Uint32:
		return uint64(a.Value(i))
	case *array.Uint64:
		return a.Value(i)
	case *array.Float32:
		return float64(a.Value(i))
	case *array.Float64:
		return a.Value(i)
	case *array.Decimal128:
		return Decimal(raw(nil, i))
	case *array.Boolean:
		return a.Value(i)
	case *array.String:
		return a.Value(i)
	case *array.LargeString:
		return a.Value(i)
	case *array.Date32:
		return time.Unix(int64(a.Value(i))*secondsPerDay, 0).UTC()
	case *array.Date64:
		return time.UnixMilli(int64(a.Value(i))).UTC()
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(unit).UTC()
	}
	return string(raw(nil, i))
}

// compareValues orders two typed values of one column: numbers by value,
// times by instant, text by code point (as the queries sort text), false
// before true.
func compareValues(a, b any) int {
	switch x := a.(type) {
	case int64:
		return cmpOrdered(x, b.(int64))
	case uint64:
		return cmpOrdered(x, b.(uint64))
	case float64:
		return cmpOrdered(x, b.(float64))
	case Decimal:
		return cmpOrdered(x.Float64(), b.(Decimal).Float64())
	case time.Time:
		return x.Compare(b.(time.Time))
	case string:
		return cmpOrdered(x, b.(string))
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	return 0
}

func cmpOrdered[T int64 | uint64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
