package reports

import (
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// writePivotXLSX writes the results of rr to w as a workbook laid out by
// opts.Pivot (see BuildGrid), as the pivoted table and HTML report show
// it: the sheet's header has the grid's header levels (two with several
// values: the pivot value, merged over its measures, then the labels),
// and its columns are the row dimensions then one per pivot value and
// value, in the pivot dimension's order. Cells keep their types and
// their column's number format (a measure's under every pivot value; a
// date whose pattern Excel cannot show, with Www or Q, is its text); a
// combination the result lacks is an empty cell; NULL is an empty cell or
// the format's `null:` text (the NULL pivot value's column is headed by
// that text); a rolled-up dimension reads Total. Totals rows and the
// Total column (the query's own totals, never summed here) are bold, and
// flagged cells filled. The whole result is laid out before the sheet is
// started, so a pivot with too many columns writes nothing.
func writePivotXLSX(w io.Writer, rr array.RecordReader, opts XLSXOptions) error {
	g, err := BuildGrid(rr, PivotOptions{Pivot: opts.Pivot, Formats: opts.Formats})
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	cols, err := pivotSheetColumns(g)
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	name := opts.Name
	if name == "" {
		name = "Report"
	}
	x, err := NewXLSXWriter(name, cols)
	if err != nil {
		return err
	}
	defer x.Close()
	row := SheetRow{Cells: make([]SheetCell, len(cols))}
	for _, r := range g.Rows {
		row.Total = r.Total
		for k, cell := range r.Cells {
			v := pivotCellValue(cell)
			if _, ok := v.(ExcelDate); ok && cols[k].Type == SheetText {
				v = cell.Text // a date pattern Excel cannot show (Www, Q)
			}
			row.Cells[k] = SheetCell{Value: v, Outlier: cell.Outlier}
		}
		if err := x.AddRow(row); err != nil {
			return err
		}
	}
	if err := x.Finish(w, opts.About); err != nil {
		return err
	}
	return x.Close()
}

// pivotSheetColumns are the sheet columns of g's leaf columns: the header
// levels spread over the leaves they span, the type and the number
// format of the column the cells come from.
func pivotSheetColumns(g *Grid) ([]SheetColumn, error) {
	cols := make([]SheetColumn, len(g.Columns))
	for k, c := range g.Columns {
		typ, _, err := sheetValue(c.Type)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", c.Name, err)
		}
		if ExcelDateAsText(c.Type, c.Format) {
			typ = SheetText
		}
		cols[k] = SheetColumn{Header: make([]string, 0, len(g.Header)), Type: typ, NumFmt: ExcelNumFmt(c.Type, c.Format), Total: c.Total}
	}
	for _, level := range g.Header {
		k := 0
		for _, h := range level {
			for range h.Span {
				cols[k].Header = append(cols[k].Header, h.Text)
				k++
			}
		}
		if k != len(cols) {
			return nil, fmt.Errorf("%w: a header level spans %d of %d columns", ErrPivotRows, k, len(cols))
		}
	}
	return cols, nil
}

// pivotCellValue is the SheetCell value of a grid cell: nil for a missing
// combination and for NULL without a `null:` text, the text of NULL and
// of a rolled-up dimension, and a value typed as the long sheet types it
// (numbers, dates as Excel dates, booleans; a day Excel cannot hold and
// any other value as text).
func pivotCellValue(c Cell) any {
	switch c.Kind {
	case CellMissing:
		return nil
	case CellNull:
		if c.Text == "" {
			return nil
		}
		return c.Text
	case CellTotal:
		return TotalText
	}
	switch v := c.Value.(type) {
	case int64, uint64, bool, string:
		return v
	case float64:
		return numberCell(v)
	case Decimal:
		return parseNumberCell([]byte(v))
	case time.Time:
		if v.Year() < 1900 || v.Year() > 9999 {
			return c.Text
		}
		return timeSerial(v)
	case nil:
		return nil
	}
	return c.Text
}
