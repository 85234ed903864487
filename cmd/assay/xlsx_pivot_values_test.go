package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// pivotRawCase says how a pivot spec's long (raw) CSV maps to its
// pivoted sheet, written out by hand from the spec rather than taken
// from the display code: the pivot dimension, the row dimensions (in the
// sheet's order), the values with their labels and Excel number formats,
// how a dimension's raw value is shown, and the text of a dimension's
// NULL. On a totals row (_level > 0) a NULL dimension is rolled up and
// reads Total.
type pivotRawCase struct {
	spec    string
	column  string
	rows    []string
	values  []string
	labels  map[string]string // by value; default the value's name
	numFmts map[string]string // by value
	show    map[string]func(string) string
	nulls   map[string]string // by dimension; default empty
}

// shown parses the raw date v and formats it with layout.
func shown(layout string) func(string) string {
	return func(v string) string {
		d, err := time.Parse("2006-01-02", v)
		if err != nil {
			return "not a date: " + v
		}
		return d.Format(layout)
	}
}

// pivotRawCases are the example pivot report and the pivot goldens'
// specs (testdata/pivot: one value, several values, totals on the pivot
// dimension, a missing combination, NULL in the pivot dimension).
var pivotRawCases = []pivotRawCase{
	{
		spec:   filepath.Join("..", "..", "examples", "emr", "reports", "weekly_pivot.yaml"),
		column: "week", rows: []string{"clinic"}, values: []string{"completed", "cost_per_visit"},
		labels:  map[string]string{"completed": "Visits", "cost_per_visit": "Cost / visit"},
		numFmts: map[string]string{"completed": "#,##0", "cost_per_visit": `"$"#,##0.00`},
		show:    map[string]func(string) string{"week": shown("02 Jan")}, // {date: DD MMM}
	},
	{
		spec:   filepath.Join("testdata", "pivot", "one_value.yaml"),
		column: "month", rows: []string{"region"}, values: []string{"visits"},
		numFmts: map[string]string{"visits": "#,##0"},
		show:    map[string]func(string) string{"month": shown("Jan 2006")}, // {date: MMM YYYY}
	},
	{
		spec:   filepath.Join("testdata", "pivot", "several_values.yaml"),
		column: "week", rows: []string{"region"}, values: []string{"completed", "charge_per_visit"},
		labels:  map[string]string{"completed": "Completed", "charge_per_visit": "Charge / visit"},
		numFmts: map[string]string{"completed": "#,##0", "charge_per_visit": `"$"#,##0.00`},
		show:    map[string]func(string) string{"week": isoWeekText}, // {date: YYYY-Www}
	},
	{
		spec:   filepath.Join("testdata", "pivot", "totals.yaml"),
		column: "quarter", rows: []string{"region"}, values: []string{"visits", "charge_per_visit"},
		labels:  map[string]string{"charge_per_visit": "Charge / visit"},
		numFmts: map[string]string{"visits": "#,##0", "charge_per_visit": `"$"#,##0.00`},
		show: map[string]func(string) string{"quarter": func(v string) string { // {date: YYYY Q}
			d, err := time.Parse("2006-01-02", v)
			if err != nil {
				return "not a date: " + v
			}
			return fmt.Sprintf("%d Q%d", d.Year(), (int(d.Month())+2)/3)
		}},
	},
	{
		spec:   filepath.Join("testdata", "pivot", "missing.yaml"),
		column: "week", rows: []string{"clinic"}, values: []string{"visits"},
		numFmts: map[string]string{"visits": "#,##0"},
	},
	{
		spec:   filepath.Join("testdata", "pivot", "null_column.yaml"),
		column: "category", rows: []string{"region"}, values: []string{"visits"},
		numFmts: map[string]string{"visits": "#,##0"},
		nulls:   map[string]string{"category": "walk-in"},
	},
}

// TestXLSXPivotValuesMatchRawCSV: for the example pivot report and every
// pivot golden's spec, every number of the pivoted workbook (read by
// openpyxl) is the raw (long) CSV's value of the same run for its row
// dimensions, pivot value and measure, stored as a number with the
// measure's number format; every combination the raw CSV lacks, or has
// as NULL, is an empty cell; and the sheet holds as many values as the
// raw CSV.
func TestXLSXPivotValuesMatchRawCSV(t *testing.T) {
	db := duckDB(t)
	for _, pc := range pivotRawCases {
		t.Run(reportName(pc.spec), func(t *testing.T) { checkPivotAgainstRaw(t, db, pc) })
	}
}

func checkPivotAgainstRaw(t *testing.T, db string, pc pivotRawCase) {
	dir := t.TempDir()
	if code, _, errs := assay(t, "run", pc.spec, "--db", db, "--format", "xlsx", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, raw, errs := assay(t, "run", pc.spec, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("raw csv: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("raw csv: %v (%d lines)", err, len(recs))
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	label := func(v string) string {
		if l, ok := pc.labels[v]; ok {
			return l
		}
		return v
	}
	// want[row dimensions' texts | pivot value's text | value's label].
	want := map[string]string{}
	nonNull := 0
	for _, r := range recs[1:] {
		total := false
		if l, ok := col["_level"]; ok {
			total = r[l] != "0"
		}
		dim := func(d string) string {
			v := r[col[d]]
			switch {
			case v == "" && total:
				return "Total"
			case v == "":
				return pc.nulls[d]
			case pc.show[d] != nil:
				return pc.show[d](v)
			}
			return v
		}
		var key []string
		for _, d := range pc.rows {
			key = append(key, dim(d))
		}
		key = append(key, dim(pc.column))
		for _, v := range pc.values {
			k := strings.Join(append(key, label(v)), " | ")
			if _, dup := want[k]; dup {
				t.Fatalf("two raw rows for %s", k)
			}
			want[k] = r[col[v]]
			if want[k] != "" {
				nonNull++
			}
		}
	}

	files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx")) // named after the report, not the file
	if len(files) != 1 {
		t.Fatalf("workbooks written: %v", files)
	}
	name := strings.TrimSuffix(filepath.Base(files[0]), ".xlsx")
	sh := xlsxcheck.Read(t, files[0]).Sheet(t, name)
	levels := 1
	if len(pc.values) > 1 {
		levels = 2
	}
	if len(sh.Rows) <= levels {
		t.Fatalf("%d rows", len(sh.Rows))
	}
	nrows := len(pc.rows)
	groups := make([]string, len(sh.Rows[0]))
	for c, cell := range sh.Rows[0] {
		groups[c] = cell.Text()
		if groups[c] == "" && c > nrows && levels == 2 {
			groups[c] = groups[c-1] // a merged pivot value spans its values
		}
	}
	seen := 0
	for r, row := range sh.Rows[levels:] {
		var key []string
		for c := range nrows {
			key = append(key, row[c].Text())
		}
		for c := nrows; c < len(row); c++ {
			measure := label(pc.values[0])
			if levels == 2 {
				measure = sh.Rows[1][c].Text()
			}
			k := strings.Join(append(append([]string(nil), key...), groups[c], measure), " | ")
			exp, ok := want[k]
			cell := row[c]
			if !ok || exp == "" {
				if cell.Text() != "" {
					t.Errorf("row %d [%s]: %q, want an empty cell (raw: present %v)", r+levels+1, k, cell.Text(), ok)
				}
				continue
			}
			seen++
			got, err1 := strconv.ParseFloat(cell.Text(), 64)
			w, err2 := strconv.ParseFloat(exp, 64)
			if cell.T != "n" || err1 != nil || err2 != nil || math.Abs(got-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("row %d [%s]: %s %q, want the number %s", r+levels+1, k, cell.T, cell.Text(), exp)
			}
			var fmtWant string
			for _, v := range pc.values {
				if label(v) == measure {
					fmtWant = pc.numFmts[v]
				}
			}
			if cell.F != fmtWant {
				t.Errorf("row %d [%s]: number format %q, want %q", r+levels+1, k, cell.F, fmtWant)
			}
		}
	}
	if seen != nonNull {
		t.Errorf("%d values in the sheet, %d in the raw CSV", seen, nonNull)
	}
}
