package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// TestXLSXPivotMatchesFormattedCSV writes the example pivot report and
// the pivot goldens' specs to XLSX and compares the workbook, read by
// openpyxl, with the pivoted formatted CSV of the same report: the same
// header levels and shape, an empty cell exactly where the CSV field is
// empty (a missing combination or NULL), text cells equal, value cells
// numbers; totals rows bold. The values themselves are compared with the
// raw (long) CSV of the same run by TestXLSXPivotValuesMatchRawCSV.
func TestXLSXPivotMatchesFormattedCSV(t *testing.T) {
	db := duckDB(t)
	specs := []string{filepath.Join("..", "..", "examples", "emr", "reports", "weekly_pivot.yaml")}
	for _, c := range pivotCases {
		specs = append(specs, filepath.Join("testdata", "pivot", c+".yaml"))
	}
	for _, spec := range specs {
		name := reportName(spec)
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "xlsx", "--out", dir); code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			code, formatted, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "--formatted", "-o", "-")
			if code != 0 {
				t.Fatalf("formatted csv: exit %d: %s", code, errs)
			}
			recs, err := csv.NewReader(strings.NewReader(formatted)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
			if len(files) != 1 {
				t.Fatalf("workbooks written: %v", files)
			}
			sheet := strings.TrimSuffix(filepath.Base(files[0]), ".xlsx")
			sh := xlsxcheck.Read(t, files[0]).Sheet(t, sheet)
			if len(sh.Rows) != len(recs) {
				t.Fatalf("%d sheet rows, formatted CSV %d lines", len(sh.Rows), len(recs))
			}
			levels := 1
			if len(recs) > 1 && recs[1][0] != "" && recs[0][0] == "" {
				levels = 2
			}
			for r, rec := range recs {
				row := sh.Rows[r]
				if len(row) < len(rec) {
					t.Fatalf("row %d: %d cells, want %d", r+1, len(row), len(rec))
				}
				total := r >= levels && strings.Contains(strings.Join(rec[:1], ""), "Total")
				for c, v := range rec {
					cell := row[c]
					switch {
					case r < levels:
						if levels == 1 || r == 1 || v != "" && (c == 0 || rec[c-1] != v) {
							if cell.Text() != v || !cell.B {
								t.Errorf("header %d,%d: %q, want bold %q", r+1, c+1, cell.Text(), v)
							}
						}
					case v == "":
						if cell.V != nil && cell.Text() != "" {
							t.Errorf("row %d col %d: %q, want an empty cell", r+1, c+1, cell.Text())
						}
					case cell.T == "s":
						if cell.Text() != v {
							t.Errorf("row %d col %d: text %q, want %q", r+1, c+1, cell.Text(), v)
						}
					case cell.T != "n" && cell.T != "d":
						t.Errorf("row %d col %d: type %s for %q", r+1, c+1, cell.T, v)
					}
					if total && cell.V != nil && !cell.B {
						t.Errorf("row %d col %d: a totals row's cell is not bold", r+1, c+1)
					}
				}
			}
		})
	}
}
