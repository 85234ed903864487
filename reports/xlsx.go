package reports

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// XLSXOptions is what the workbook shows besides the rows: the About
// sheet's texts and the columns' display formats.
type XLSXOptions struct {
	About
	// Formats are the columns' display formats, by output column name.
	Formats map[string]result.Format
	// Pivot, when set, lays the sheet out as the report's pivot: says
	// (see writePivotXLSX).
	Pivot *result.Pivot
}

// WriteXLSX writes the results of rr to w as an Excel workbook (see
// XLSXWriter): a sheet named after the report with one column per result
// column, headed by its label, and an "About" sheet. Cells are typed:
// integers, decimals and floats are numbers (NaN and the infinities the
// text NaN, Infinity, -Infinity), dates and timestamps Excel dates (a
// day outside 1900-01-01…9999-12-31 its CSV text; a column whose date
// pattern Excel cannot show, with Www or Q, its display text: see
// ExcelDateAsText), booleans booleans,
// and everything else — strings, intervals, binary — text cells, never
// formulas. NULL is an empty cell, or the format's `null:` text. Rows
// whose _level is above 0 are bold; a cell whose <metric>_outlier flag
// is set is filled. More rows than a sheet holds is an error wrapping
// ErrTooManyRows, and then nothing is written to w. On a totals row a
// NULL non-numeric column (a rolled-up dimension) reads Total, as in the
// HTML report. With opts.Pivot the sheet is pivoted (see writePivotXLSX).
// WriteXLSX reads rr to its end but does not release it.
func WriteXLSX(w io.Writer, rr array.RecordReader, opts XLSXOptions) error {
	if opts.Pivot != nil {
		return writePivotXLSX(w, rr, opts)
	}
	a, err := newXLSXArrow(rr.Schema(), opts.Formats)
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	name := opts.Name
	if name == "" {
		name = "Report"
	}
	x, err := NewXLSXWriter(name, a.cols)
	if err != nil {
		return err
	}
	defer x.Close()
	for rr.Next() {
		if err := a.addBatch(x, rr.RecordBatch()); err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: xlsx: reading results: %w", err)
	}
	if err := x.Finish(w, opts.About); err != nil {
		return err
	}
	return x.Close()
}

// xlsxArrow turns the rows of Arrow batches into sheet rows.
type xlsxArrow struct {
	cols    []SheetColumn
	display *Display
	nulls   []any       // per column: the cell of NULL (nil or a text)
	values  []cellValue // per column: how a value becomes a cell
	flagOf  map[int]int // metric column → its <metric>_outlier column
	rollsUp []bool      // per column: NULL on a totals row reads Total (not numbers, not flags)
	level   int         // index of _level, or -1
	row     SheetRow
}

// cellValue makes the cell value of row i of an array.
type cellValue func(arr arrow.Array) (func(i int) any, error)

// newXLSXArrow prepares the sheet columns of schema under formats.
func newXLSXArrow(schema *arrow.Schema, formats map[string]result.Format) (*xlsxArrow, error) {
	d, err := NewDisplay(schema, formats, "")
	if err != nil {
		return nil, err
	}
	a := &xlsxArrow{display: d, level: -1, flagOf: map[int]int{}}
	for i, f := range schema.Fields() {
		typ, val, err := sheetValue(f.Type)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		if ExcelDateAsText(f.Type, formats[f.Name]) {
			typ, val = SheetText, displayCells(d, i)
		}
		a.cols = append(a.cols, SheetColumn{Header: []string{d.Labels[i]}, Type: typ, NumFmt: ExcelNumFmt(f.Type, formats[f.Name])})
		a.values = append(a.values, val)
		var null any
		if d.nulls[i] != "" {
			null = d.nulls[i]
		}
		a.nulls = append(a.nulls, null)
		if f.Name == levelColumn {
			a.level = i
		}
		if metric, ok := strings.CutSuffix(f.Name, "_outlier"); ok && f.Type.ID() == arrow.BOOL {
			if m := schema.FieldIndices(metric); len(m) == 1 {
				a.flagOf[m[0]] = i
			}
		}
	}
	a.rollsUp = make([]bool, len(a.cols))
	for c, f := range schema.Fields() {
		flag := f.Type.ID() == arrow.BOOL && strings.HasSuffix(f.Name, "_outlier")
		a.rollsUp[c] = !d.Numeric(c) && !flag && c != a.level
	}
	a.row.Cells = make([]SheetCell, len(a.cols))
	return a, nil
}

// addBatch adds every row of rec to x.
func (a *xlsxArrow) addBatch(x *XLSXWriter, rec arrow.RecordBatch) error {
	if err := a.display.Bind(rec); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	get := make([]func(int) any, len(a.values))
	for c, v := range a.values {
		fn, err := v(rec.Column(c))
		if err != nil {
			return fmt.Errorf("reports: xlsx: column %q: %w", rec.ColumnName(c), err)
		}
		get[c] = fn
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		a.row.Total = a.level >= 0 && !a.display.IsNull(a.level, i) && floatAt(rec.Column(a.level), i) != 0
		for c := range a.cols {
			cell := SheetCell{Value: a.nulls[c]}
			switch {
			case !a.display.IsNull(c, i):
				cell.Value = get[c](i)
			case a.row.Total && a.rollsUp[c]:
				cell.Value = TotalText // a rolled-up dimension, as the HTML report reads it
			}
			if f, ok := a.flagOf[c]; ok {
				cell.Outlier = boolAt(rec.Column(f), i)
			}
			a.row.Cells[c] = cell
		}
		if err := x.AddRow(a.row); err != nil {
			return err
		}
	}
	return nil
}

// sheetValue chooses how the values of an Arrow type become cells.
func sheetValue(dt arrow.DataType) (SheetType, cellValue, error) {
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
		return SheetNumber, signedCells, nil
	case arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return SheetNumber, unsignedCells, nil
	case arrow.FLOAT32, arrow.FLOAT64:
		return SheetNumber, floatCells, nil
	case arrow.DECIMAL128:
		return SheetNumber, textCells(bindDecimal128, parseNumberCell), nil
	case arrow.BOOL:
		return SheetBool, cellsOf(func(a *array.Boolean, i int) any { return a.Value(i) }), nil
	case arrow.DATE32:
		return SheetDate, dateCells(func(a *array.Date32, i int) (int64, float64) { return int64(a.Value(i)), 0 }), nil
	case arrow.DATE64:
		return SheetDate, dateCells(func(a *array.Date64, i int) (int64, float64) {
			return floorDiv(int64(a.Value(i)), millisPerDay), 0
		}), nil
	case arrow.TIMESTAMP:
		perDay := unitsPerSecond(dt.(*arrow.TimestampType).Unit) * secondsPerDay
		return SheetDate, dateCells(func(a *array.Timestamp, i int) (int64, float64) {
			v := int64(a.Value(i))
			return floorDiv(v, perDay), float64(floorMod(v, perDay)) / float64(perDay)
		}), nil
	}
	col, err := newColumn(dt, styleRaw) // text of every other type, as in CSV
	if err != nil {
		return 0, nil, err
	}
	return SheetText, textCells(col.bind, func(b []byte) any { return string(b) }), nil
}

// cellsOf makes the cells of an array of type A with value.
func cellsOf[A arrow.Array](value func(a A, i int) any) cellValue {
	return func(arr arrow.Array) (func(int) any, error) {
		a, ok := arr.(A)
		if !ok {
			return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
		}
		return func(i int) any { return value(a, i) }, nil
	}
}

// signedCells makes int64 cells of any signed integer array.
func signedCells(arr arrow.Array) (func(int) any, error) {
	switch a := arr.(type) {
	case *array.Int8:
		return func(i int) any { return int64(a.Value(i)) }, nil
	case *array.Int16:
		return func(i int) any { return int64(a.Value(i)) }, nil
	case *array.Int32:
		return func(i int) any { return int64(a.Value(i)) }, nil
	case *array.Int64:
		return func(i int) any { return a.Value(i) }, nil
	}
	return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
}

// unsignedCells makes uint64 cells of any unsigned integer array.
func unsignedCells(arr arrow.Array) (func(int) any, error) {
	switch a := arr.(type) {
	case *array.Uint8:
		return func(i int) any { return uint64(a.Value(i)) }, nil
	case *array.Uint16:
		return func(i int) any { return uint64(a.Value(i)) }, nil
	case *array.Uint32:
		return func(i int) any { return uint64(a.Value(i)) }, nil
	case *array.Uint64:
		return func(i int) any { return a.Value(i) }, nil
	}
	return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
}

// floatCells makes float64 cells of a float array; NaN and the infinities,
// which Excel cannot hold, become their text.
func floatCells(arr arrow.Array) (func(int) any, error) {
	var value func(i int) float64
	switch a := arr.(type) {
	case *array.Float32:
		// The shortest text of the float32, so that 0.1 stays 0.1.
		value = func(i int) float64 {
			f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(a.Value(i)), 'g', -1, 32), 64)
			return f
		}
	case *array.Float64:
		value = a.Value
	default:
		return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
	}
	return func(i int) any { return numberCell(value(i)) }, nil
}

// numberCell is the cell of the float f: f, or the text of NaN and the
// infinities.
func numberCell(f float64) any {
	if s, ok := nonFinite(f); ok {
		return s
	}
	return f
}

// parseNumberCell is the cell of the decimal text b: the nearest float.
func parseNumberCell(b []byte) any {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil { // beyond the range of a float: keep the digits as text
		return string(b)
	}
	return f
}

// textCells makes cells from the text that bind appends, through cell.
func textCells(bind binder, cell func([]byte) any) cellValue {
	return func(arr arrow.Array) (func(int) any, error) {
		fn, err := bind(arr)
		if err != nil {
			return nil, err
		}
		var buf []byte
		return func(i int) any {
			buf = fn(buf[:0], i)
			return cell(buf)
		}, nil
	}
}

// displayCells makes text cells of column c's display text (d must be
// bound to the batch of the array): the cells of a date pattern Excel has
// no number format for (see ExcelDateAsText).
func displayCells(d *Display, c int) cellValue {
	return func(arrow.Array) (func(int) any, error) {
		var buf []byte
		return func(i int) any {
			buf = d.AppendCell(buf[:0], c, i)
			return string(buf)
		}, nil
	}
}

// dateCells makes Excel dates of a date or timestamp array of type A from
// value's days since 1970-01-01 and fraction of a day; a day Excel cannot
// hold becomes its CSV text.
func dateCells[A arrow.Array](value func(a A, i int) (int64, float64)) cellValue {
	return func(arr arrow.Array) (func(int) any, error) {
		a, ok := arr.(A)
		if !ok {
			return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
		}
		text, err := timeBinder(arr.DataType().ID())(arr)
		if err != nil {
			return nil, err
		}
		return func(i int) any {
			if d, ok := excelSerial(value(a, i)); ok {
				return d
			}
			return string(text(nil, i))
		}, nil
	}
}
