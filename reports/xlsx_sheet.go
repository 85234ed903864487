package reports

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ErrTooManyRows reports a result that does not fit in one Excel sheet:
// more than 1,048,576 rows counting the header.
var ErrTooManyRows = errors.New("too many rows for an Excel sheet")

// MaxXLSXRows is the number of rows of an Excel sheet, header included.
const MaxXLSXRows = excelize.TotalRows

// SheetType is the kind of values a sheet column holds. The cells are
// stored by the kind of their own values; the column's type aligns its
// header (numbers' to the right).
type SheetType uint8

const (
	// SheetText columns hold strings, always stored as text cells.
	SheetText SheetType = iota
	// SheetNumber columns hold int64, uint64 or float64 values, stored as
	// numbers.
	SheetNumber
	// SheetDate columns hold ExcelDate values, stored as date serial numbers.
	SheetDate
	// SheetBool columns hold bool values, stored as Excel booleans.
	SheetBool
)

// SheetColumn describes one column of a sheet for the XLSX writer.
type SheetColumn struct {
	// Header holds the column's header cells, top level first. Every
	// column of a sheet has the same number of levels: one for a plain
	// result; two for a pivoted one (the pivot value, then the measure's
	// label). Equal neighbouring cells of an upper level are merged.
	Header []string
	// Type is the kind of the column's values.
	Type SheetType
	// NumFmt is the Excel number format code of the column's numbers and
	// dates ("" for General); see ExcelNumFmt.
	NumFmt string
	// Total marks a column of totals (a pivot's Total column): its cells
	// are bold and filled as a totals row's.
	Total bool
}

// SheetCell is one cell of a sheet. Value is nil (an empty cell), a string
// (always a text cell, never a formula), an int64, uint64 or float64 (a
// number), an ExcelDate (a date) or a bool. A value that does not match
// its column's type is stored by its own kind with the column's format.
type SheetCell struct {
	Value any
	// Outlier fills the cell: an outlier rule flagged it.
	Outlier bool
}

// SheetRow is one row of a sheet.
type SheetRow struct {
	Cells []SheetCell
	// Total sets the row in bold: a subtotal or total row.
	Total bool
}

// ExcelDate is a date or date-time as an Excel serial number in the 1900
// date system: days since 1899-12-30 (with Excel's fictional 1900-02-29
// accounted for), the fraction being the time of day.
type ExcelDate float64

// About is what the "About" sheet of a workbook says of the run.
type About struct {
	Name, Title, Description string
	// Params are the resolved parameter values, in declaration order.
	Params []Param
	// RunAt is when the report ran; Elapsed how long it took (0: unknown).
	RunAt   time.Time
	Elapsed time.Duration
	// Database is the database's name; never a URL.
	Database string
}

// widthSample is the number of rows buffered to size the columns: a
// stream writer must set widths before its first row.
const widthSample = 1000

// XLSXWriter writes one report as a workbook: a sheet of the rows, named
// after the report, and an "About" sheet. The sheet has a bold, frozen
// header (one row per header level) with an autofilter, typed cells with
// their column's number format, bold totals rows and filled outlier
// cells. Rows stream to temporary files (excelize's StreamWriter), so
// memory does not grow with the row count; nothing reaches the output
// until Finish. Use it as NewXLSXWriter, AddRow for each row, Finish, and
// Close in every case.
type XLSXWriter struct {
	file    *excelize.File
	sheet   string
	cols    []SheetColumn
	levels  int
	sw      *excelize.StreamWriter
	styles  *sheetStyles
	pending []SheetRow      // the rows sampled for widths, before the first write
	rows    int             // data rows added
	values  []any           // scratch for one row: a *excelize.Cell or nil a column
	cells   []excelize.Cell // the cells values points to
}

// NewXLSXWriter starts a workbook whose first sheet, named after the
// report called name (see SheetName), has the columns cols.
func NewXLSXWriter(name string, cols []SheetColumn) (*XLSXWriter, error) {
	levels := 1
	if len(cols) > 0 {
		levels = max(len(cols[0].Header), 1)
	}
	for _, c := range cols {
		if len(c.Header) != levels {
			return nil, fmt.Errorf("reports: xlsx: columns have %d and %d header levels", levels, len(c.Header))
		}
	}
	if len(cols) > excelize.MaxColumns {
		return nil, fmt.Errorf("reports: xlsx: %d columns, an Excel sheet holds at most %d", len(cols), excelize.MaxColumns)
	}
	f := excelize.NewFile()
	x := &XLSXWriter{file: f, sheet: SheetName(name), cols: cols, levels: levels}
	if err := f.SetSheetName(f.GetSheetName(0), x.sheet); err != nil {
		f.Close()
		return nil, fmt.Errorf("reports: xlsx: %w", err)
	}
	var err error
	if x.styles, err = newSheetStyles(f, cols); err != nil {
		f.Close()
		return nil, fmt.Errorf("reports: xlsx: %w", err)
	}
	return x, nil
}

// Close removes the writer's temporary files; call it after Finish or
// instead of it.
func (x *XLSXWriter) Close() error { return x.file.Close() }

// AddRow adds a row of len(cols) cells. A row past the last row of an
// Excel sheet is an error wrapping ErrTooManyRows.
func (x *XLSXWriter) AddRow(r SheetRow) error {
	if x.rows+x.levels >= MaxXLSXRows {
		return fmt.Errorf("reports: xlsx: %w: the result has more than %s rows, the most a sheet holds under its header; write csv, parquet or arrow instead",
			ErrTooManyRows, groupDigits(fmt.Sprint(MaxXLSXRows-x.levels)))
	}
	if len(r.Cells) != len(x.cols) {
		return fmt.Errorf("reports: xlsx: a row of %d cells for %d columns", len(r.Cells), len(x.cols))
	}
	x.rows++
	if x.sw == nil {
		if len(x.pending) < widthSample {
			r.Cells = append([]SheetCell(nil), r.Cells...) // the caller may reuse its slice
			x.pending = append(x.pending, r)
			return nil
		}
		if err := x.start(); err != nil {
			return err
		}
	}
	return x.writeRow(x.levels+x.rows, r)
}

// start sizes the columns from the header and the sampled rows, then
// writes the header and the sampled rows.
func (x *XLSXWriter) start() error {
	sw, err := x.file.NewStreamWriter(x.sheet)
	if err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	x.sw = sw
	// From the last column to the first: excelize puts each new column
	// before those it has, and Excel wants them in ascending order.
	widths := columnWidths(x.cols, x.pending)
	for c := len(widths) - 1; c >= 0; c-- {
		if err := sw.SetColWidth(c+1, c+1, widths[c]); err != nil {
			return fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: x.levels, TopLeftCell: cellName(1, x.levels+1), ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := x.writeHeader(); err != nil {
		return err
	}
	for i, r := range x.pending {
		if err := x.writeRow(x.levels+1+i, r); err != nil {
			return err
		}
	}
	x.pending = nil
	return nil
}

// writeHeader writes the header rows, merging equal neighbours of the
// upper levels.
func (x *XLSXWriter) writeHeader() error {
	for level := 0; level < x.levels; level++ {
		vals := make([]any, len(x.cols))
		for c, col := range x.cols {
			vals[c] = excelize.Cell{StyleID: x.styles.headerOf(col, level), Value: col.Header[level]}
		}
		if err := x.sw.SetRow(cellName(1, level+1), vals); err != nil {
			return fmt.Errorf("reports: xlsx: %w", err)
		}
		if level == x.levels-1 {
			break
		}
		for c := 0; c < len(x.cols); {
			end := c
			for end+1 < len(x.cols) && x.cols[end+1].Header[level] == x.cols[c].Header[level] && x.cols[c].Header[level] != "" {
				end++
			}
			if end > c {
				if err := x.sw.MergeCell(cellName(c+1, level+1), cellName(end+1, level+1)); err != nil {
					return fmt.Errorf("reports: xlsx: %w", err)
				}
			}
			c = end + 1
		}
	}
	return nil
}

// writeRow writes r as sheet row n (1-based).
func (x *XLSXWriter) writeRow(n int, r SheetRow) error {
	if len(x.values) != len(x.cols) {
		x.values, x.cells = make([]any, len(x.cols)), make([]excelize.Cell, len(x.cols))
	}
	for c, cell := range r.Cells {
		// A pointer to a reused Cell: SetRow reads it before returning,
		// and no Cell is boxed into an interface per value.
		out := &x.cells[c]
		total := r.Total || x.cols[c].Total
		out.StyleID, out.Value, x.values[c] = x.styles.cell(c, total, cell.Outlier), nil, out
		switch v := cell.Value.(type) {
		case nil:
			if !total && !cell.Outlier {
				x.values[c] = nil // no cell at all
			}
		case ExcelDate:
			out.Value = float64(v)
		case float64:
			out.Value = excelDigits(v)
		case string, int64, uint64, bool:
			out.Value = v
		default:
			return fmt.Errorf("reports: xlsx: unexpected cell value %T", v)
		}
	}
	if err := x.sw.SetRow(cellName(1, n), x.values); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	return nil
}

// Finish ends the sheet, adds the "About" sheet and writes the workbook
// to w. Nothing is written to w before Finish.
func (x *XLSXWriter) Finish(w io.Writer, about About) error {
	if x.sw == nil {
		if err := x.start(); err != nil {
			return err
		}
	}
	last := cellName(max(len(x.cols), 1), x.levels+x.rows)
	if err := x.file.AutoFilter(x.sheet, cellName(1, x.levels)+":"+last, nil); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := x.sw.Flush(); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := x.writeAbout(about); err != nil {
		return err
	}
	x.file.SetActiveSheet(0)
	return x.save(w)
}

// save writes the workbook to w as it is zipped. excelize's own Write
// zips into a buffer holding the whole file; the zip writer set here
// writes to w instead, so that memory does not grow with the file.
func (x *XLSXWriter) save(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	x.file.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(bw)
		// The fastest deflate level: the sheet XML is very repetitive, and
		// the default level costs twice the time for a few percent.
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return flate.NewWriter(out, flate.BestSpeed)
		})
		return zw
	})
	var stray strayBytes
	if err := x.file.Write(&stray); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if stray.n != 0 {
		return fmt.Errorf("reports: xlsx: %d bytes written outside the zip writer", stray.n)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	return nil
}

// strayBytes counts and drops what is written to it.
type strayBytes struct{ n int64 }

func (c *strayBytes) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// cellName is the A1 name of column col and row row (both 1-based).
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// aboutSheet is the name of the sheet describing the run.
const aboutSheet = "About"

// SheetName is the Excel sheet name of the report called name: the
// characters Excel forbids (: \ / ? * [ ]) and apostrophes replaced by _
// (Excel allows one inside a name, but not at either end, and excelize
// does not escape it), at most 31 UTF-16 units, never empty, and never a
// name reserved by Excel ("History") or taken by the "About" sheet
// (compared without case, as Excel does).
func SheetName(name string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, name)
	// An apostrophe inside is allowed by Excel, but excelize writes the
	// autofilter's defined name as 'NAME'!A1:B2 without doubling it.
	s = strings.ReplaceAll(strings.Trim(s, "'"), "'", "_")
	if s == "" {
		s = "Report"
	}
	if strings.EqualFold(s, aboutSheet) || strings.EqualFold(s, "History") {
		s += " report"
	}
	return truncateUTF16(s, excelize.MaxSheetNameLength)
}

// truncateUTF16 cuts s to at most n UTF-16 units, never inside a
// character, and drops an apostrophe the cut leaves at the end.
func truncateUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return strings.TrimRight(s[:i], "'")
		}
	}
	return s
}

// columnWidths estimates the width of each column, in characters, from
// its header and the sampled rows.
func columnWidths(cols []SheetColumn, rows []SheetRow) []float64 {
	widths := make([]float64, len(cols))
	for c, col := range cols {
		w := utf8.RuneCountInString(col.Header[len(col.Header)-1]) + 3 // the filter button
		for _, r := range rows {
			w = max(w, cellWidth(r.Cells[c].Value, col.NumFmt))
		}
		widths[c] = float64(min(max(w, 6), 60)) + 1.5
	}
	return widths
}

// excelDigits rounds f to the 15 significant digits Excel keeps. excelize
// cuts a float's digits after the 15th; rounding first makes that cut
// exact, so 0.19617450029397296 is stored as 0.196174500293973, not
// 0.196174500293972.
func excelDigits(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	if err != nil {
		return f
	}
	return r
}
