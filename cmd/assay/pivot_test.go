package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pivotCases are the specs of testdata/pivot with a golden file each: one
// value, several values, totals on the pivot dimension and the other, a
// missing combination, NULL in the pivot dimension.
var pivotCases = []string{"one_value", "several_values", "totals", "missing", "null_column"}

// TestPivotGoldens runs each pivot case on the example DuckDB and on
// PostgreSQL loaded with the same data, as a table and as formatted CSV,
// and compares both with testdata/pivot/<case>.golden (go test
// ./cmd/assay -run PivotGoldens -update rewrites them from DuckDB). Raw
// CSV keeps the long shape.
func TestPivotGoldens(t *testing.T) {
	dbs := map[string]string{"duckdb": duckDB(t), "postgres": postgresDB(t)}
	for _, name := range pivotCases {
		t.Run(name, func(t *testing.T) {
			spec := filepath.Join("testdata", "pivot", name+".yaml")
			golden := filepath.Join("testdata", "pivot", name+".golden")
			for _, dbName := range []string{"duckdb", "postgres"} {
				got := pivotOutputs(t, spec, dbs[dbName])
				if *update && dbName == "duckdb" {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./cmd/assay -run PivotGoldens -update)", err)
				}
				if got != string(want) {
					t.Errorf("%s: the pivot differs from %s:\n%s", dbName, golden, firstDifference(string(want), got))
				}
			}
		})
	}
}

// pivotOutputs is the table and the formatted CSV of one run of spec,
// after checking that the raw CSV of the same report is not pivoted.
func pivotOutputs(t *testing.T, spec, db string) string {
	t.Helper()
	var parts []string
	for _, format := range [][]string{{"table"}, {"csv", "--formatted"}} {
		args := append([]string{"run", spec, "--db", db, "-o", "-", "--format"}, format...)
		code, out, errs := assay(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", format, code, errs)
		}
		parts = append(parts, "--- "+strings.Join(format, " ")+"\n"+out)
	}
	code, raw, errs := assay(t, "run", spec, "--db", db, "-o", "-", "--format", "csv")
	if code != 0 {
		t.Fatalf("csv: exit %d: %s", code, errs)
	}
	header, _, _ := strings.Cut(raw, "\n")
	if strings.Count(header, ",") > 5 || strings.Count(raw, "\n") < 8 {
		t.Errorf("raw CSV is not the long shape:\n%s", raw)
	}
	return strings.Join(parts, "")
}

// TestPivotTooWideWritesNothing: a pivot column with more distinct values
// than max_columns fails the run with a clear error; no output file of
// the set is written (not even the raw CSV, whose writer has no limit),
// nothing is left in the folder, and nothing goes to stdout.
func TestPivotTooWideWritesNothing(t *testing.T) {
	db, dir := duckDB(t), t.TempDir()
	spec := filepath.Join("testdata", "pivot", "too_wide.yaml")
	const msg = `"week" has more than 2 distinct values (max_columns of pivot:)`
	code, _, errs := assay(t, "run", spec, "--db", db, "--format", "csv,table,html", "--out", dir)
	if code != exitRuntime || !strings.Contains(errs, msg) {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	// Only the run's manifest, which says the report failed and wrote
	// nothing (a failed run with --out writes its manifest, issue 12).
	if names := entries(t, dir); len(names) != 1 || names[0] != manifestName {
		t.Errorf("the folder holds %v after the failed run, want only %s", names, manifestName)
	}
	if m := readManifest(t, dir); m.Status != statusFailed || len(m.Reports) != 1 || len(m.Reports[0].Outputs) != 0 || m.Reports[0].Error == nil {
		t.Errorf("manifest %+v: want status failed, the report's error and no outputs", m)
	}
	for _, format := range [][]string{{"table"}, {"html"}, {"csv", "--formatted"}} {
		args := append([]string{"run", spec, "--db", db, "-o", "-", "--format"}, format...)
		code, out, errs := assay(t, args...)
		if code != exitRuntime || out != "" || !strings.Contains(errs, msg) {
			t.Errorf("%v: exit %d, %d bytes out, stderr %s", format, code, len(out), errs)
		}
	}
	if code, out, errs := assay(t, "run", spec, "--db", db, "-o", "-", "--format", "csv"); code != 0 || strings.Count(out, "\n") < 10 {
		t.Errorf("raw CSV is not pivoted, so it has no column limit: exit %d: %s", code, errs)
	}
}

// outlierTD matches a table cell the HTML page highlights as an outlier.
var outlierTD = regexp.MustCompile(`<td class="[^"]*\boutlier\b[^"]*" title="outlier, score [^"]+">`)

// TestPivotFlagsPlantedAnomalies pivots visits per staff hour with weeks
// across over a period holding two planted anomalies: the cells the table
// marks and the HTML page highlights are the rows the raw CSV flags, in
// those clinics' rows.
func TestPivotFlagsPlantedAnomalies(t *testing.T) {
	db := duckDB(t)
	spec := filepath.Join("testdata", "pivot", "flags.yaml")
	flagged := flaggedRows(t, db, spec, "visits_per_hour")
	for _, key := range []string{"Westminster|2025-06-16", "Greeley|2025-07-28"} {
		if !flagged[key] {
			t.Errorf("the raw CSV does not flag the planted anomaly %s (flags: %v)", key, flagged)
		}
	}
	code, table, errs := assay(t, "run", spec, "--db", db, "--format", "table", "-o", "-")
	if code != 0 {
		t.Fatalf("table: exit %d: %s", code, errs)
	}
	if n := strings.Count(table, outlierMarkText); n != len(flagged)+1 { // +1: the footer's note
		t.Errorf("the table marks %d cells, the CSV flags %d rows:\n%s", n-1, len(flagged), table)
	}
	for key := range flagged {
		clinic, _, _ := strings.Cut(key, "|")
		for _, line := range strings.Split(table, "\n") {
			if strings.HasPrefix(line, " "+clinic+" ") && !strings.Contains(line, outlierMarkText) {
				t.Errorf("the row of %s has no marked cell: %s", clinic, line)
			}
		}
	}
	code, page, errs := assay(t, "run", spec, "--db", db, "--format", "html", "-o", "-")
	if code != 0 {
		t.Fatalf("html: exit %d: %s", code, errs)
	}
	if n := len(outlierTD.FindAllString(page, -1)); n != len(flagged) {
		t.Errorf("the page highlights %d cells, the CSV flags %d rows", n, len(flagged))
	}
}

// outlierMarkText follows a flagged cell in a pivoted table.
const outlierMarkText = " *"
