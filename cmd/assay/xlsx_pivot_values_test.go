package main

import (
	"encoding/csv"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// TestXLSXPivotValuesMatchRawCSV: every number of the example's pivoted
// workbook is the raw (long) CSV's value for its clinic and week, stored
// as a number with the measure's number format, and every combination
// the raw CSV lacks is an empty cell. The workbook is read by openpyxl.
func TestXLSXPivotValuesMatchRawCSV(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_pivot.yaml")
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "xlsx", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, raw, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("raw csv: exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("raw csv: %v (%d lines)", err, len(recs))
	}
	// want[clinic][week label][measure label] from the long rows; a NULL
	// (rolled-up) clinic or week is the Total row or column.
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	want := map[[3]string]string{}
	for _, r := range recs[1:] {
		clinic, week := r[col["clinic"]], r[col["week"]]
		if clinic == "" {
			clinic = "Total"
		}
		if week == "" {
			week = "Total"
		} else {
			d, err := time.Parse("2006-01-02", week)
			if err != nil {
				t.Fatal(err)
			}
			week = d.Format("02 Jan") // the spec's format: {date: DD MMM}
		}
		want[[3]string{clinic, week, "Visits"}] = r[col["completed"]]
		want[[3]string{clinic, week, "Cost / visit"}] = r[col["cost_per_visit"]]
	}
	formats := map[string]string{"Visits": "#,##0", "Cost / visit": `"$"#,##0.00`}
	sh := xlsxcheck.Read(t, filepath.Join(dir, "weekly_pivot.xlsx")).Sheet(t, "weekly_pivot")
	if len(sh.Rows) < 3 {
		t.Fatalf("%d rows", len(sh.Rows))
	}
	groups := make([]string, len(sh.Rows[0]))
	for c, cell := range sh.Rows[0] {
		groups[c] = cell.Text()
		if groups[c] == "" && c > 0 {
			groups[c] = groups[c-1] // a merged pivot value spans its measures
		}
	}
	seen := 0
	for r, row := range sh.Rows[2:] {
		clinic := row[0].Text()
		for c := 1; c < len(row); c++ {
			measure := sh.Rows[1][c].Text()
			key := [3]string{clinic, groups[c], measure}
			exp, ok := want[key]
			cell := row[c]
			if !ok || exp == "" {
				if cell.Text() != "" {
					t.Errorf("row %d %v: %q, want an empty cell", r+3, key, cell.Text())
				}
				continue
			}
			seen++
			got, err1 := strconv.ParseFloat(cell.Text(), 64)
			w, err2 := strconv.ParseFloat(exp, 64)
			if cell.T != "n" || err1 != nil || err2 != nil || math.Abs(got-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Errorf("row %d %v: %s %q, want the number %s", r+3, key, cell.T, cell.Text(), exp)
			}
			if cell.F != formats[measure] {
				t.Errorf("row %d %v: number format %q, want %q", r+3, key, cell.F, formats[measure])
			}
		}
	}
	nonNull := 0
	for _, v := range want {
		if v != "" {
			nonNull++
		}
	}
	if seen != nonNull {
		t.Errorf("%d values in the sheet, %d in the raw CSV", seen, nonNull)
	}
}
