package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestGoldenSQL pins the SQL of every example report on each dialect.
func TestGoldenSQL(t *testing.T) {
	db := duckDB(t)
	for _, spec := range exampleReports(t) {
		for _, d := range []string{"postgres", "duckdb"} {
			code, out, errs := assay(t, "sql", spec, "--db", db, "--dialect", d)
			if code != 0 {
				t.Fatalf("sql %s: exit %d: %s", spec, code, errs)
			}
			golden := filepath.Join("testdata", "golden", reportName(spec)+"."+d+".sql")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/assay -update)", err)
			}
			if out != string(want) {
				t.Errorf("%s: SQL differs from %s:\n%s", spec, golden, out)
			}
		}
	}
}

// TestExamplesSameOnBothDatabases runs every example report on DuckDB and
// on PostgreSQL, loaded with the same data, and wants byte-identical CSV.
func TestExamplesSameOnBothDatabases(t *testing.T) {
	duck, pg := duckDB(t), postgresDB(t)
	for _, spec := range exampleReports(t) {
		t.Run(reportName(spec), func(t *testing.T) {
			code, fromDuck, errs := assay(t, "run", spec, "--db", duck, "--format", "csv", "-o", "-")
			if code != 0 {
				t.Fatalf("duckdb: exit %d: %s", code, errs)
			}
			code, fromPG, errs := assay(t, "run", spec, "--db", pg, "--format", "csv", "-o", "-")
			if code != 0 {
				t.Fatalf("postgres: exit %d: %s", code, errs)
			}
			if rows := strings.Count(fromDuck, "\n"); rows < 10 {
				t.Fatalf("want a real report, got %d lines:\n%s", rows, fromDuck)
			}
			if fromDuck != fromPG {
				t.Errorf("CSV differs between DuckDB and PostgreSQL:\n%s", firstDifference(fromDuck, fromPG))
			}
		})
	}
}

// firstDifference shows the first line where two texts differ.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  duckdb:   " + la[i] + "\n  postgres: " + lb[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb)) + " lines"
}
