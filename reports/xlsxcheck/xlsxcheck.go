// Package xlsxcheck reads XLSX workbooks with an independent reader —
// Debian's python3-openpyxl — for the tests of assay's XLSX writer, and
// compares a sheet with the CSV of the same run: every value, its type
// (number, date, text, boolean) and the number format of the columns.
// It is used by tests only.
package xlsxcheck

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

//go:embed dump.py
var dumpScript []byte

// Workbook is a workbook as openpyxl reads it.
type Workbook struct {
	Sheets []Sheet `json:"sheets"`
	Active string  `json:"active"`
}

// Sheet is one worksheet: its name, frozen cell, autofilter range, merged
// ranges, column widths by letter and rows of cells.
type Sheet struct {
	Name   string             `json:"name"`
	Freeze *string            `json:"freeze"`
	Filter *string            `json:"filter"`
	Merged []string           `json:"merged"`
	Widths map[string]float64 `json:"widths"`
	Rows   [][]Cell           `json:"rows"`
}

// Cell is one cell: its value as text (nil when empty; dates in ISO form,
// floats as Python's repr), openpyxl's data type (n number, d date, s
// text, b boolean, f formula), number format, bold font and solid fill.
type Cell struct {
	V    *string `json:"v"`
	T    string  `json:"t"`
	F    string  `json:"f"`
	B    bool    `json:"b"`
	Fill string  `json:"fill"`
}

// Text is the cell's value, "" when empty.
func (c Cell) Text() string {
	if c.V == nil {
		return ""
	}
	return *c.V
}

// Sheet returns the sheet called name, failing the test without one.
func (w *Workbook) Sheet(t testing.TB, name string) *Sheet {
	t.Helper()
	for i := range w.Sheets {
		if w.Sheets[i].Name == name {
			return &w.Sheets[i]
		}
	}
	t.Fatalf("no sheet %q in the workbook", name)
	return nil
}

// python returns a python3 that imports openpyxl. Without one the test
// fails when CI=true (CI installs python3-openpyxl) and is skipped
// otherwise.
func python(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		path, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(path, "-c", "import openpyxl").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3-openpyxl is missing (apt-get install python3-openpyxl); CI needs it for the XLSX tests")
	}
	t.Skip("python3-openpyxl is not installed")
	return ""
}

// Read reads the workbook at path with openpyxl.
func Read(t testing.TB, path string) *Workbook {
	t.Helper()
	py := python(t)
	script := filepath.Join(t.TempDir(), "dump.py")
	if err := os.WriteFile(script, dumpScript, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, script, path)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("openpyxl cannot read %s: %v\n%s", path, err, stderr.String())
	}
	var w Workbook
	if err := json.Unmarshal(stdout.Bytes(), &w); err != nil {
		t.Fatalf("dump of %s: %v", path, err)
	}
	return &w
}

// Kind is the type a column's cells must have.
type Kind string

// The kinds of cells, as openpyxl's data types.
const (
	Number Kind = "n"
	Date   Kind = "d"
	Text   Kind = "s"
	Bool   Kind = "b"
)

// Expect is what CompareCSV checks besides the values.
type Expect struct {
	// HeaderRows is the number of header rows of the sheet (default 1).
	HeaderRows int
	// Kinds are the kinds of columns by CSV header name; a column not
	// listed gets the kind its CSV values suggest (numbers, dates or
	// timestamps, true/false, else text).
	Kinds map[string]Kind
	// NumFmts are the number formats of columns by CSV header name: every
	// non-empty cell of the column must have it.
	NumFmts map[string]string
	// Nulls are the texts of NULL by CSV header name (default empty cell).
	Nulls map[string]string
	// Totals are the dimensions that are rolled up on totals rows: where
	// the CSV field is empty, the cell may read Total.
	Totals []string
	// Shown are the columns written as text made from the CSV value (a
	// date whose pattern Excel cannot show, such as an ISO week), by CSV
	// header name: each non-empty cell must be a text cell equal to
	// Shown[name] of the CSV field, computed by the test on its own.
	Shown map[string]func(csv string) string
}

var (
	dateRE      = regexp.MustCompile(`^-?\d{4,}-\d\d-\d\d$`)
	timestampRE = regexp.MustCompile(`^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?$`)
)

// CompareCSV compares the data rows of sh with the CSV text of the same
// result: the same number of rows and columns; an empty CSV field is an
// empty cell (or the column's NULL text); a number column's cells are
// numbers equal to the CSV value (integers digit for digit, others read
// as a float and rounded to Excel's 15 significant digits), NaN and the infinities their text; a date column's cells are
// dates equal to the CSV date or timestamp (within a millisecond), a day
// Excel cannot hold its CSV text; text and boolean cells equal the CSV.
func CompareCSV(t testing.TB, sh *Sheet, csvText string, exp Expect) {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if exp.HeaderRows == 0 {
		exp.HeaderRows = 1
	}
	header, data := records[0], records[1:]
	if got := len(sh.Rows) - exp.HeaderRows; got != len(data) {
		t.Fatalf("sheet %s: %d data rows, CSV has %d", sh.Name, got, len(data))
	}
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs++; errs <= 20 {
			t.Errorf(format, args...)
		}
	}
	for c, name := range header {
		kind, ok := exp.Kinds[name]
		if !ok {
			kind = inferKind(data, c)
		}
		for r, rec := range data {
			row := sh.Rows[exp.HeaderRows+r]
			if len(row) != len(header) && c >= len(row) {
				fail("%s row %d: %d cells, want %d", sh.Name, r+1, len(row), len(header))
				continue
			}
			cell := row[c]
			if rec[c] == "" && cell.T == "s" && cell.Text() == "Total" && slices.Contains(exp.Totals, name) {
				continue
			}
			if shown, ok := exp.Shown[name]; ok && rec[c] != "" {
				if want := shown(rec[c]); cell.T != "s" || cell.Text() != want {
					fail("%s row %d column %s: want the text %q (csv %q, cell %q type %s)", sh.Name, r+1, name, want, rec[c], cell.Text(), cell.T)
				}
				continue
			}
			if msg := compareCell(cell, rec[c], kind, exp.Nulls[name]); msg != "" {
				fail("%s row %d column %s: %s (csv %q, cell %q type %s)", sh.Name, r+1, name, msg, rec[c], cell.Text(), cell.T)
			}
			if want, ok := exp.NumFmts[name]; ok && cell.V != nil && cell.T != "s" && cell.F != want {
				fail("%s row %d column %s: number format %q, want %q", sh.Name, r+1, name, cell.F, want)
			}
		}
	}
	if errs > 20 {
		t.Errorf("… %d differences in all", errs)
	}
}

// inferKind is the kind the CSV values of column c suggest.
func inferKind(data [][]string, c int) Kind {
	kinds := map[Kind]bool{}
	for _, rec := range data {
		v := rec[c]
		switch {
		case v == "":
		case isNumber(v):
			kinds[Number] = true
		case dateRE.MatchString(v) || timestampRE.MatchString(v):
			kinds[Date] = true
		case v == "true" || v == "false":
			kinds[Bool] = true
		default:
			kinds[Text] = true
		}
	}
	if len(kinds) == 1 {
		for k := range kinds {
			return k
		}
	}
	return Text
}

// isNumber reports whether v is a number as CSV writes it.
func isNumber(v string) bool {
	if v == "NaN" || v == "Infinity" || v == "-Infinity" {
		return true
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil && !strings.ContainsAny(v, "_xXpP") && v != "Inf" && v != "+Inf" && v != "-Inf"
}

// compareCell returns what is wrong with cell for the CSV value v of a
// column of kind, or "".
func compareCell(cell Cell, v string, kind Kind, null string) string {
	if v == "" {
		switch {
		case null == "" && (cell.V == nil || cell.T == "s" && cell.Text() == ""):
			return "" // CSV writes NULL and the empty text alike
		case null != "" && cell.T == "s" && cell.Text() == null:
			return ""
		}
		return "want an empty cell or the NULL text " + strconv.Quote(null)
	}
	if cell.V == nil {
		return "empty cell for a value"
	}
	switch kind {
	case Number:
		return compareNumber(cell, v)
	case Date:
		return compareDate(cell, v)
	case Bool:
		if cell.T != "b" || cell.Text() != v {
			return "want a boolean"
		}
	default:
		if cell.T != "s" || cell.Text() != v {
			return "want a text cell with the CSV value"
		}
	}
	return ""
}

// compareNumber compares a number cell with the CSV number v.
func compareNumber(cell Cell, v string) string {
	if v == "NaN" || v == "Infinity" || v == "-Infinity" {
		if cell.T != "s" || cell.Text() != v {
			return "want the text " + v
		}
		return ""
	}
	if cell.T != "n" {
		return "want a number cell"
	}
	got := cell.Text()
	if got == v {
		return ""
	}
	// Excel keeps 15 significant digits: the cell holds the CSV value
	// rounded to 15 digits.
	want, err1 := strconv.ParseFloat(v, 64)
	have, err2 := strconv.ParseFloat(got, 64)
	if err1 != nil || err2 != nil {
		return "not a number"
	}
	if want15, _ := strconv.ParseFloat(strconv.FormatFloat(want, 'g', 15, 64), 64); have != want15 && have != want {
		return "number differs"
	}
	return ""
}

// compareDate compares a date cell with the CSV date or timestamp v.
func compareDate(cell Cell, v string) string {
	want, ok := parseCSVTime(v)
	if !ok {
		return "the CSV value is not a date"
	}
	if cell.T == "s" { // a day Excel cannot hold is its CSV text
		if cell.Text() != v || (want.Year() >= 1900 && want.Year() <= 9999) {
			return "a date stored as text"
		}
		return ""
	}
	if cell.T != "d" {
		return "want a date cell"
	}
	have, err := time.Parse("2006-01-02T15:04:05.999999", cell.Text())
	if err != nil {
		return "unreadable date " + cell.Text()
	}
	if d := have.Sub(want); math.Abs(float64(d)) > float64(time.Millisecond) {
		return fmt.Sprintf("date differs by %s", d)
	}
	return ""
}

// parseCSVTime reads a CSV date or timestamp as a UTC wall-clock time.
func parseCSVTime(v string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01-02T15:04:05.999999999Z", "2006-01-02T15:04:05.999999999"} {
		if tm, err := time.Parse(layout, v); err == nil {
			return tm, true
		}
	}
	return time.Time{}, false
}
