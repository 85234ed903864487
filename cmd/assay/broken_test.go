package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrokenSpecs: a broken spec exits 2, prints FILE:LINE:COL diagnostics
// (compared with a golden file) and writes nothing.
func TestBrokenSpecs(t *testing.T) {
	db := duckDB(t)
	specs, err := filepath.Glob("testdata/broken/*.yaml")
	if err != nil || len(specs) < 3 {
		t.Fatalf("want broken specs under testdata/broken, found %v", specs)
	}
	for _, spec := range specs {
		t.Run(reportName(spec), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.csv")
			code, stdout, stderr := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", out)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote to stdout: %q", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("an output file was written: %v", err)
			}
			golden := strings.TrimSuffix(spec, ".yaml") + ".diagnostics"
			if *update {
				if err := os.WriteFile(golden, []byte(stderr), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/assay -update)", err)
			}
			if stderr != string(want) {
				t.Errorf("diagnostics differ from %s:\n%s", golden, stderr)
			}
			if !strings.HasPrefix(stderr, spec+":") {
				t.Errorf("diagnostics do not start with %s:LINE:COL", spec)
			}
		})
	}
}

// TestExitCodes covers the command line's own mistakes.
func TestExitCodes(t *testing.T) {
	db := duckDB(t)
	spec := "../../examples/emr/reports/clinic_weekly_throughput.yaml"
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nope"}, exitUsage, "unknown command"},
		{[]string{"run"}, exitUsage, "no spec given"},
		{[]string{"run", spec, "--db", db, "--format", "xml"}, exitUsage, "unknown output format"},
		{[]string{"run", spec, "--db", db, "-p", "start=yesterdayish"}, exitUsage, "unknown word \"yesterdayish\""},
		{[]string{"run", spec, "--db", db, "-p", "nosuch=1"}, exitUsage, "has no param \"nosuch\""},
		{[]string{"run", spec, "--db", "duckdb:/nonexistent/x.duckdb"}, exitRuntime, "does not exist"},
		{[]string{"run", spec, "--db", "ftp://x"}, exitUsage, "unsupported database URL"},
		{[]string{"run", "--help"}, exitOK, ""},
	}
	for _, c := range cases {
		code, _, stderr := assay(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("assay %v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
}
