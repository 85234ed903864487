package reports

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// isoWeekText is the CSV date or timestamp v as layout of its ISO year and
// week (layout "%d-W%02d" gives 2025-W01), computed with the standard
// library, independently of the display formatter.
func isoWeekText(t *testing.T, v, layout string) string {
	t.Helper()
	d, err := time.Parse("2006-01-02", v[:min(len(v), 10)])
	if err != nil {
		t.Fatalf("csv date %q: %v", v, err)
	}
	y, w := d.ISOWeek()
	return fmt.Sprintf(layout, y, w)
}

// quarter is the CSV date or timestamp v as "2024 Q4".
func quarter(t *testing.T, v string) string {
	t.Helper()
	d, err := time.Parse("2006-01-02", v[:min(len(v), 10)])
	if err != nil {
		t.Fatalf("csv date %q: %v", v, err)
	}
	return fmt.Sprintf("%d Q%d", d.Year(), (int(d.Month())+2)/3)
}

// TestXLSXWeekAndQuarterAsText: Excel's number formats have no ISO week
// and no quarter, so a date or timestamp column whose pattern holds Www
// or Q is written as text cells reading as the table and the formatted
// CSV read (2025-W01 for 2024-12-30, the ISO year), NULL as the null
// text; a pattern Excel can show stays a date with its format. Read back
// by openpyxl and compared with the CSV of the same result.
func TestXLSXWeekAndQuarterAsText(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{
		{"week", arrow.FixedWidthTypes.Date32, []any{days(2024, 12, 30), days(2021, 1, 3), nil, days(2025, 10, 6)}},
		{"quarter_at", &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}, []any{
			arrow.Timestamp(time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC).Unix()), nil,
			arrow.Timestamp(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC).Unix()),
			arrow.Timestamp(time.Date(2025, 9, 30, 12, 0, 0, 0, time.UTC).Unix())}},
		{"day", arrow.FixedWidthTypes.Date32, []any{days(2024, 12, 30), days(2021, 1, 3), days(2025, 2, 1), nil}},
		{"visits", arrow.PrimitiveTypes.Int64, []any{int64(1), int64(2), int64(3), int64(4)}},
	}
	opts := XLSXOptions{About: About{Name: "periods"}, Formats: map[string]result.Format{
		"week":       {Date: "YYYY-Www", Null: ptr("no week")},
		"quarter_at": {Date: "YYYY Q"},
		"day":        {Date: "DD MMM YYYY"},
	}}
	csvText, path := writeBoth(t, mem, cols, opts)
	sh := xlsxcheck.Read(t, path).Sheet(t, "periods")
	xlsxcheck.CompareCSV(t, sh, csvText, xlsxcheck.Expect{
		Kinds:   map[string]xlsxcheck.Kind{"day": xlsxcheck.Date, "visits": xlsxcheck.Number},
		NumFmts: map[string]string{"day": "dd mmm yyyy", "visits": "#,##0"},
		Nulls:   map[string]string{"week": "no week"},
		Shown: map[string]func(string) string{
			"week":       func(v string) string { return isoWeekText(t, v, "%d-W%02d") },
			"quarter_at": func(v string) string { return quarter(t, v) },
		},
	})
	if c := sh.Rows[1][0]; c.Text() != "2025-W01" || c.T != "s" {
		t.Errorf("2024-12-30 as YYYY-Www: %q type %s, want the text 2025-W01", c.Text(), c.T)
	}
}

// TestXLSXPivotWeekRowsAsText: in a pivot, a row dimension whose pattern
// holds Www is text too (the pivot values head their columns as text
// anyway), and the measures under it stay numbers.
func TestXLSXPivotWeekRowsAsText(t *testing.T) {
	mem := newChecked(t)
	pv := &result.Pivot{Column: "clinic", Values: []string{"visits"}, MaxColumns: 200, Rows: []string{"week"},
		ColumnOrder: result.SortKey{Name: "clinic"}, RowOrder: []result.SortKey{{Name: "week"}}}
	path := filepath.Join(t.TempDir(), "pivot.xlsx")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		return WriteXLSX(w, readerOfColumns(t, mem, weekly()), XLSXOptions{
			About: About{Name: "pivot"}, Pivot: pv,
			Formats: map[string]result.Format{"week": {Date: "YYYY-Www", Label: "ISO week"}},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	sh := xlsxcheck.Read(t, path).Sheet(t, "pivot")
	// weekly(): A has 1, 2, 4 in weeks 2025-01-06, -13, -20; B has 3 and
	// 1,500 in weeks -13 and -20 and 7 in the NULL week (NULL last).
	want := [][]string{
		{"ISO week", "A", "B"},
		{"2025-W02", "1", ""},
		{"2025-W03", "2", "3"},
		{"2025-W04", "4", "1500"},
		{"", "", "7"},
	}
	if len(sh.Rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(sh.Rows), len(want))
	}
	for r, row := range want {
		for c, v := range row {
			cell := sh.Rows[r][c]
			if cell.Text() != v {
				t.Errorf("row %d col %d: %q, want %q", r+1, c+1, cell.Text(), v)
				continue
			}
			switch {
			case v == "":
			case r > 0 && c == 0 && cell.T != "s":
				t.Errorf("row %d: week %q is %s, want a text cell", r+1, v, cell.T)
			case r > 0 && c > 0 && (cell.T != "n" || cell.F != "#,##0"):
				t.Errorf("row %d col %d: %s %q, want a number with #,##0", r+1, c+1, cell.T, cell.F)
			}
		}
	}
}
