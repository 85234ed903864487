package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The colours of the workbook, those of the HTML report.
const (
	xlsxHeadFill    = "F4F6F9"
	xlsxHeadLine    = "C5CCD8"
	xlsxOutlierFill = "FDE4E2"
	xlsxOutlierText = "7D1A13"
)

// sheetStyles are the style IDs of a sheet: the header's (left, right
// and centred: an upper header level spans its columns), and four per column (plain, total, outlier, total and
// outlier), each with the column's number format.
type sheetStyles struct {
	header, headerRight, headerCenter int
	cells                             [][4]int
}

// newSheetStyles registers the styles of the columns cols in f.
func newSheetStyles(f *excelize.File, cols []SheetColumn) (*sheetStyles, error) {
	s := &sheetStyles{cells: make([][4]int, len(cols))}
	var err error
	for _, h := range []struct {
		id    *int
		align string
	}{{&s.header, "left"}, {&s.headerRight, "right"}, {&s.headerCenter, "center"}} {
		*h.id, err = f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlsxHeadFill}},
			Border:    []excelize.Border{{Type: "bottom", Color: xlsxHeadLine, Style: 2}},
			Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: h.align},
		})
		if err != nil {
			return nil, err
		}
	}
	for c, col := range cols {
		for k := range 4 {
			total, outlier := k&1 != 0, k&2 != 0
			st := &excelize.Style{}
			if col.NumFmt != "" {
				st.CustomNumFmt = &col.NumFmt
			}
			if total {
				st.Font = &excelize.Font{Bold: true}
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlsxHeadFill}}
			}
			if outlier {
				st.Font = &excelize.Font{Bold: true, Color: xlsxOutlierText}
				st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{xlsxOutlierFill}}
			}
			if s.cells[c][k], err = f.NewStyle(st); err != nil {
				return nil, fmt.Errorf("column %d: %w", c+1, err)
			}
		}
	}
	return s, nil
}

// headerOf is the style of the header cells of col: numbers' headers are
// right-aligned over their digits, as in the HTML report.
// An upper level of a header of several is centred over its columns.
func (s *sheetStyles) headerOf(col SheetColumn, level int) int {
	if level < len(col.Header)-1 {
		return s.headerCenter
	}
	if col.Type == SheetNumber {
		return s.headerRight
	}
	return s.header
}

// cell is the style of a cell of column c.
func (s *sheetStyles) cell(c int, total, outlier bool) int {
	k := 0
	if total {
		k |= 1
	}
	if outlier {
		k |= 2
	}
	return s.cells[c][k]
}

// cellWidth estimates how many characters value takes in format numFmt.
func cellWidth(value any, numFmt string) int {
	switch v := value.(type) {
	case string:
		return utf8.RuneCountInString(v)
	case bool:
		return 5
	case int64:
		return numberWidth(float64(v), numFmt)
	case uint64:
		return numberWidth(float64(v), numFmt)
	case float64:
		return numberWidth(v, numFmt)
	case ExcelDate:
		return formatLiteralWidth(numFmt)
	}
	return 0
}

// numberWidth estimates the width of v in numFmt: its integer digits with
// separators, the format's decimals, sign, symbol and percent sign.
func numberWidth(v float64, numFmt string) int {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 9
	}
	if strings.HasSuffix(numFmt, "%") {
		v *= 100
	}
	digits := len(strconv.FormatFloat(math.Abs(math.Trunc(v)), 'f', 0, 64))
	w := digits
	if strings.Contains(numFmt, ",") {
		w += (digits - 1) / 3
	}
	if v < 0 {
		w++
	}
	if numFmt == "" {
		return len(strconv.FormatFloat(v, 'g', 10, 64))
	}
	if _, frac, ok := strings.Cut(numFmt, "."); ok {
		w += 1 + strings.Count(frac, "0") + strings.Count(frac, "#")
	}
	if strings.HasSuffix(numFmt, "%") {
		w++
	}
	if _, rest, ok := strings.Cut(numFmt, `"`); ok {
		lit, _, _ := strings.Cut(rest, `"`)
		w += utf8.RuneCountInString(lit)
	}
	return w
}

// formatLiteralWidth is the width of a date format's text: its length
// without quotes and backslashes (yyyy-mm-dd reads as wide as 2025-03-07;
// mmm and ddd as Mar and Fri).
func formatLiteralWidth(numFmt string) int {
	if numFmt == "" {
		return 10
	}
	return utf8.RuneCountInString(strings.NewReplacer(`"`, "", `\`, "").Replace(numFmt))
}
