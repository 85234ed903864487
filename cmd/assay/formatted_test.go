package main

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"
)

// TestFormattedCSV: `--format csv --formatted` writes the labels and the
// display text of the example's formats (money as money), one row per raw
// row; --formatted without CSV is a command-line mistake.
func TestFormattedCSV(t *testing.T) {
	db := duckDB(t)
	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_outliers.yaml")
	code, formatted, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "--formatted", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, raw, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := csv.NewReader(strings.NewReader(formatted)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != len(r) || len(f) < 2 {
		t.Fatalf("%d formatted rows, %d raw", len(f), len(r))
	}
	col := func(rows [][]string, name string) int {
		for i, h := range rows[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %q in %q", name, rows[0])
		return -1
	}
	money := col(f, "Staff cost")
	if rawMoney := col(r, "staff_cost"); money != rawMoney {
		t.Errorf("the label moved the column: %d vs %d", money, rawMoney)
	}
	for i := 1; i < len(f); i++ {
		if !strings.HasPrefix(f[i][money], "$") || strings.Contains(r[i][money], "$") {
			t.Fatalf("row %d: formatted %q, raw %q", i, f[i][money], r[i][money])
		}
	}
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "json", "--formatted", "-o", "-"); code != 2 || !strings.Contains(errs, "--formatted") {
		t.Errorf("--formatted with json: exit %d, %s", code, errs)
	}
}
