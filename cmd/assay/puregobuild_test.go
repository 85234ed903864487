package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// noDuckDBMessage is what the pure-Go build says about a DuckDB database.
const noDuckDBMessage = "this assay was built without DuckDB (-tags noduckdb); use the default build for duckdb: URLs"

// TestPureGoBuild builds assay without cgo and without DuckDB
// (CGO_ENABLED=0 go build -tags noduckdb), runs every example report with
// it on PostgreSQL and wants the CSV of the default build, and checks that
// every way of reaching a DuckDB database exits 2 naming the default build.
func TestPureGoBuild(t *testing.T) {
	pg := postgresDB(t)
	bin := buildPureGo(t)
	for _, spec := range exampleReports(t) {
		code, want, errs := assay(t, "run", spec, "--db", pg, "--format", "csv", "-o", "-")
		if code != 0 {
			t.Fatalf("default build: %s: exit %d: %s", spec, code, errs)
		}
		code, got, errs := runBinary(t, bin, ".", "run", spec, "--db", pg, "--format", "csv", "-o", "-")
		if code != 0 {
			t.Fatalf("pure-Go build: %s: exit %d: %s", spec, code, errs)
		}
		if strings.Count(want, "\n") < 10 || got != want {
			t.Errorf("%s: the pure-Go build's CSV differs from the default build's:\n%s", spec, firstDifference(got, want))
		}
	}
	project, err := filepath.Abs("../../examples/emr")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(project, "reports", "service_mix.yaml")
	missing := filepath.Join(t.TempDir(), "emr.duckdb")
	refusals := []struct {
		name string
		args []string
	}{
		{"--db duckdb:", []string{"run", spec, "--db", "duckdb:" + missing}},
		{"the project's default (DuckDB) database", []string{"run", spec}},
		{"sql on the default database", []string{"sql", spec}},
		{"demo on the project's DuckDB", []string{"demo"}},
		{"demo --db duckdb:", []string{"demo", "--db", "duckdb:" + missing}},
	}
	for _, r := range refusals {
		code, _, errs := runBinary(t, bin, project, r.args...)
		if code != exitUsage || !strings.Contains(errs, noDuckDBMessage) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", r.name, code, errs, noDuckDBMessage)
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("the pure-Go build created %s", missing)
	}
}

// buildPureGo builds the pure-Go assay into a temporary folder.
func buildPureGo(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the pure-Go binary: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "assay-pure")
	cmd := exec.Command(goTool, "build", "-tags", "noduckdb", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build -tags noduckdb: %v\n%s", err, out)
	}
	return bin
}

// runBinary runs a built assay in dir and returns its exit code and output.
func runBinary(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("%s: %v", bin, err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}
