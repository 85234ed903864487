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

// TestSQLCommand checks that `assay sql` prints, for every example report
// and dialect, the statement of the compiler's golden corpus
// (compiler/goldentest/testdata/examples, which pins the SQL; the values
// listed under it are printed by each in its own way).
func TestSQLCommand(t *testing.T) {
	db := duckDB(t)
	for _, spec := range exampleReports(t) {
		for _, d := range []string{"postgres", "duckdb"} {
			code, out, errs := assay(t, "sql", spec, "--db", db, "--dialect", d)
			if code != 0 {
				t.Fatalf("sql %s: exit %d: %s", spec, code, errs)
			}
			golden := filepath.Join("..", "..", "compiler", "goldentest", "testdata", "examples", reportName(spec), d+".sql")
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := statement(out), statement(string(want)); got != want || !strings.HasSuffix(got, ";") {
				t.Errorf("%s: SQL differs from %s:\n%s", spec, golden, out)
			}
		}
	}
}

// statement is the SQL text up to its closing semicolon.
func statement(s string) string {
	if i := strings.Index(s, ";\n"); i >= 0 {
		return s[:i+1]
	}
	return s
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
