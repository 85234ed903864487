package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	domChartRE = regexp.MustCompile(`(?s)<svg class="plot".*?</svg>`)
	domMarkRE  = regexp.MustCompile(`<(circle|rect) class="mark( flagged)?"`)
	domFlagRE  = regexp.MustCompile(`class="mark flagged"`)
	urlRE      = regexp.MustCompile(`(?i)https?://|(src|href)\s*=\s*["']?\s*//`)
)

// TestWeeklyOutliersInChromium writes the weekly outlier report as HTML,
// opens it in headless Chromium and checks the DOM against the JSON of the
// same run: every chart has one mark per non-NULL value of its y column,
// the flagged marks are the rows the outlier rules flagged, no URL is
// anywhere in the page and nothing is logged to the console. It fails when CI is set and chromium is missing.
func TestWeeklyOutliersInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is missing (apt-get install chromium); CI needs it")
		}
		t.Skip("chromium is not installed")
	}
	db := duckDB(t)
	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_outliers.yaml")
	page := filepath.Join(t.TempDir(), "weekly.html")
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "html", "-o", page); code != 0 {
		t.Fatalf("html: exit %d: %s", code, errs)
	}
	code, out, errs := assay(t, "run", spec, "--db", db, "--format", "json", "-o", "-")
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	dom := dumpDOM(t, bin, page)
	charts := domChartRE.FindAllString(dom, -1)
	// The example's charts: visits_per_hour, cost_per_visit, and the
	// scatter of cost_per_visit against visits_per_hour.
	ys := []string{"visits_per_hour", "cost_per_visit", "cost_per_visit"}
	if len(charts) != len(ys) {
		t.Fatalf("%d charts in the DOM, want %d", len(charts), len(ys))
	}
	for i, y := range ys {
		values, flagged := 0, 0
		for _, r := range rows {
			if r[y] != nil && (i < 2 || r["visits_per_hour"] != nil) {
				values++
				if r[y+"_outlier"] == true {
					flagged++
				}
			}
		}
		if got := len(domMarkRE.FindAllString(charts[i], -1)); got != values || values < 1000 {
			t.Errorf("chart %d: %d marks, want one per value: %d", i, got, values)
		}
		if got := len(domFlagRE.FindAllString(charts[i], -1)); got != flagged || flagged == 0 {
			t.Errorf("chart %d: %d flagged marks, want %d", i, got, flagged)
		}
	}
	if m := urlRE.FindString(dom); m != "" {
		t.Errorf("the page holds a URL: %q", m)
	}
}

// dumpDOM runs headless Chromium on the file and returns the DOM it built.
func dumpDOM(t *testing.T, bin, path string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--enable-logging=stderr", "--v=0", "--user-data-dir="+t.TempDir(), "--dump-dom", "file://"+abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "</html>") {
		t.Fatalf("chromium dumped no page:\n%s", stderr.String())
	}
	// A blocked load, a CSP violation or a script error logs a console line.
	if m := regexp.MustCompile(`(?m)^.*:CONSOLE[:(].*$`).FindString(stderr.String()); m != "" {
		t.Errorf("console message: %s", m)
	}
	return stdout.String()
}

// runTimeRE matches the run time of an HTML report, which changes with
// every run.
var runTimeRE = regexp.MustCompile(`<dt>run</dt><dd>[^<]*</dd>`)

// TestGoldenHTML runs three example reports with charts, formats and a
// pivot on the example DuckDB and compares their HTML pages, run time
// normalised, with
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
		{"weekly_pivot", []string{"-p", "start=2025-12-08"}},
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

var (
	domHeadRowRE = regexp.MustCompile(`(?s)<thead>.*?</thead>`)
	domBodyRowRE = regexp.MustCompile(`(?s)<tr(?: class="[^"]*")?><td.*?</tr>`)
	domTDRE      = regexp.MustCompile(`<td[ >]`)
)

// TestWeeklyPivotInChromium writes the example pivot as HTML next to its
// raw CSV (one run, two outputs), opens the page in headless Chromium and
// checks the DOM: two header rows, the weeks of the CSV as column groups
// plus Total, one row per clinic plus the Total row, every row as wide as
// the header, and no console message.
func TestWeeklyPivotInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is missing (apt-get install chromium); CI needs it")
		}
		t.Skip("chromium is not installed")
	}
	db, dir := duckDB(t), t.TempDir()
	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_pivot.yaml")
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "html,csv", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "weekly_pivot.csv"))
	if err != nil {
		t.Fatal(err)
	}
	weeks, clinics := map[string]bool{}, map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n")[1:] {
		f := strings.Split(line, ",")
		if f[1] != "" {
			weeks[f[1]] = true
		}
		if f[0] != "" {
			clinics[f[0]] = true
		}
	}
	dom := dumpDOM(t, bin, filepath.Join(dir, "weekly_pivot.html"))
	head := domHeadRowRE.FindString(dom)
	if n := strings.Count(head, "<tr>"); n != 2 {
		t.Fatalf("%d header rows, want 2:\n%s", n, head)
	}
	if n := strings.Count(head, `colspan="2"`); n != len(weeks)+1 || len(weeks) < 4 {
		t.Errorf("%d column groups, want the %d weeks of the CSV and Total", n, len(weeks))
	}
	rows := domBodyRowRE.FindAllString(dom, -1)
	if len(rows) != len(clinics)+1 {
		t.Fatalf("%d rows, want %d clinics and the Total row", len(rows), len(clinics))
	}
	for i, r := range rows {
		if n := len(domTDRE.FindAllString(r, -1)); n != 1+2*(len(weeks)+1) {
			t.Errorf("row %d has %d cells, want %d", i, n, 1+2*(len(weeks)+1))
		}
	}
	if !strings.HasPrefix(rows[len(rows)-1], `<tr class="total"><td>Total</td>`) {
		t.Errorf("the last row is not the Total row: %.200s", rows[len(rows)-1])
	}
}
