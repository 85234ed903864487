package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runTimeRE matches the run time of an HTML report, which changes with
// every run.
var runTimeRE = regexp.MustCompile(`<dt>run</dt><dd>[^<]*</dd>`)

// TestGoldenHTML runs two example reports with charts and formats on the
// example DuckDB and compares their HTML pages, run time normalised, with
// testdata/golden/<report>.html (go test ./cmd/assay -run GoldenHTML
// -update rewrites them). The date ranges are narrowed to keep the files
// small.
func TestGoldenHTML(t *testing.T) {
	db := duckDB(t)
	for _, tc := range []struct {
		spec   string
		params []string
	}{
		{"weekly_outliers", []string{"-p", "start=2025-06-30", "-p", "end=2025-08-10"}},
		{"clinic_efficiency", []string{"-p", "start=2025-11-03", "-p", "region=Metro"}},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			spec := filepath.Join("..", "..", "examples", "emr", "reports", tc.spec+".yaml")
			args := append([]string{"run", spec, "--db", db, "--format", "html", "-o", "-"}, tc.params...)
			code, out, errs := assay(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if !runTimeRE.MatchString(out) || strings.Contains(out, "duckdb:") {
				t.Fatalf("no run time, or the database URL shows:\n%s", out[:min(len(out), 2000)])
			}
			page := runTimeRE.ReplaceAllString(out, "<dt>run</dt><dd>RUN TIME</dd>")
			golden := filepath.Join("testdata", "golden", tc.spec+".html")
			if *update {
				if err := os.WriteFile(golden, []byte(page), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/assay -run GoldenHTML -update)", err)
			}
			if page != string(want) {
				t.Errorf("the page differs from %s (rerun with -update and review the diff)", golden)
			}
		})
	}
}
