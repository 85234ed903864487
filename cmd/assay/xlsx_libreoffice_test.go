//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// sofficeCSVFilter exports a sheet as CSV the way LibreOffice shows it.
// The tokens: field separator 44 (,), text delimiter 34 ("), character
// set 76 (UTF-8), first line 1, no column formats, language 0 (the
// default), quoted fields as text false, detect special numbers true,
// save cell contents as shown true (the 9th token: "$191.32", not
// 191.32), export formulas false, remove spaces false, sheet 1 (the
// report's sheet; LibreOffice names the file <name>-<sheet>.csv).
const sofficeCSVFilter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1`

// soffice returns LibreOffice's soffice. Without one the test fails when
// CI=true (.ci/run installs libreoffice-calc-nogui) and is skipped
// otherwise.
func soffice(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("soffice is missing (apt-get install libreoffice-calc-nogui); CI needs it for the LibreOffice XLSX test")
	}
	t.Skip("soffice (LibreOffice) is not installed")
	return ""
}

// runSoffice converts files with soffice, headless, with a fresh profile
// of its own (so that it neither meets nor waits for another LibreOffice
// of the machine), in the C.UTF-8 locale, within a timeout that kills
// its whole process group. It returns stdout and stderr together, in the
// order soffice wrote them.
func runSoffice(t *testing.T, outdir, convertTo string, files ...string) string {
	t.Helper()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--nologo", "--nolockcheck",
		"--convert-to", convertTo, "--outdir", outdir}, files...)
	cmd := exec.CommandContext(ctx, soffice(t), args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "HOME="+t.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v (timeout: %v)\n%s", err, ctx.Err(), out.String())
	}
	return out.String()
}

// sofficeErrorRE matches what soffice prints about a file it could not
// load or convert.
var sofficeErrorRE = regexp.MustCompile(`(?i)\berror\b|could not|cannot|failed to (load|convert|write)|repair|corrupt`)

// TestXLSXPivotInLibreOffice opens the example pivot workbook in
// LibreOffice (headless soffice) and exports what it shows as CSV: the
// weeks run across in order, each over Visits and Cost / visit, then
// Total; visits read as whole numbers with thousands separators and cost
// per visit as money ($, two decimals); every number shown is the raw
// CSV's value at the displayed precision; and every cell reads as
// assay's own --formatted CSV reads. soffice must report no error for
// the workbook. A truncated copy converted in the same run must make it
// report one, so that the check of its output is not blind.
func TestXLSXPivotInLibreOffice(t *testing.T) {
	soffice(t)
	db, dir := duckDB(t), t.TempDir()
	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_pivot.yaml")
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "xlsx", "--out", dir); code != 0 {
		t.Fatalf("xlsx: exit %d: %s", code, errs)
	}
	code, raw, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "-o", "-")
	if code != 0 {
		t.Fatalf("raw csv: exit %d: %s", code, errs)
	}
	code, formatted, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "--formatted", "-o", "-")
	if code != 0 {
		t.Fatalf("formatted csv: exit %d: %s", code, errs)
	}
	workbook := filepath.Join(dir, "weekly_pivot.xlsx")
	data, err := os.ReadFile(workbook)
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "truncated.xlsx")
	if err := os.WriteFile(broken, data[:len(data)/3], 0o644); err != nil {
		t.Fatal(err)
	}

	outdir := t.TempDir()
	log := runSoffice(t, outdir, sofficeCSVFilter, workbook, broken)
	shown := readCSVFile(t, filepath.Join(outdir, "weekly_pivot-weekly_pivot.csv"), log)
	// soffice prints no file name with an error, so count them: exactly
	// one, the truncated copy's, and no output of it.
	errLines := 0
	for _, line := range strings.Split(log, "\n") {
		if sofficeErrorRE.MatchString(line) {
			errLines++
		}
	}
	if n := errLines; n != 1 {
		t.Errorf("soffice reported %d errors, want 1 (the truncated copy's):\n%s", n, log)
	}
	if m, _ := filepath.Glob(filepath.Join(outdir, "truncated*")); len(m) != 0 {
		t.Errorf("soffice converted the truncated workbook: %v\n%s", m, log)
	}
	if !strings.Contains(log, "Writing sheet weekly_pivot") {
		t.Errorf("soffice did not write the sheet weekly_pivot:\n%s", log)
	}

	// The raw (long) rows: clinic × week, NULL for the totals.
	recs := parseCSV(t, "raw csv", raw)
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var days []string // the weeks' first days, ISO dates
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
			if !slices.Contains(days, week) {
				days = append(days, week)
			}
			week = d.Format("02 Jan") // the spec's format: {date: DD MMM}
		}
		want[[3]string{clinic, week, "Visits"}] = r[col["completed"]]
		want[[3]string{clinic, week, "Cost / visit"}] = r[col["cost_per_visit"]]
	}
	slices.Sort(days)  // ISO dates sort as text
	var weeks []string // ascending, as the spec's format shows them
	for _, d := range days {
		day, _ := time.Parse("2006-01-02", d)
		weeks = append(weeks, day.Format("02 Jan"))
	}
	if len(weeks) < 2 {
		t.Fatalf("weeks in the raw csv: %v", weeks)
	}

	// The header: weeks across, in order, each over its two measures.
	if len(shown) < 3 {
		t.Fatalf("LibreOffice shows %d rows", len(shown))
	}
	wantTop, wantLabels := []string{""}, []string{"Clinic"}
	for _, w := range append(slices.Clone(weeks), "Total") {
		wantTop = append(wantTop, w, w) // a merged cell's hidden part keeps its text
		wantLabels = append(wantLabels, "Visits", "Cost / visit")
	}
	if !slices.Equal(shown[0], wantTop) {
		t.Errorf("LibreOffice's first header row: %q, want %q", shown[0], wantTop)
	}
	if !slices.Equal(shown[1], wantLabels) {
		t.Errorf("LibreOffice's second header row: %q, want %q", shown[1], wantLabels)
	}

	visitsRE := regexp.MustCompile(`^-?\d{1,3}(,\d{3})*$`)
	moneyRE := regexp.MustCompile(`^-?\$\d{1,3}(,\d{3})*\.\d\d$`) // {style: currency, currency: USD, decimals: 2}
	seen := 0
	for r := 2; r < len(shown); r++ {
		row := shown[r]
		for c := 1; c < len(row) && c < len(wantTop); c++ {
			measure := wantLabels[c]
			key := [3]string{row[0], wantTop[c], measure}
			exp, ok := want[key]
			if !ok || exp == "" {
				if row[c] != "" {
					t.Errorf("LibreOffice row %d %v: %q, want an empty cell", r+1, key, row[c])
				}
				continue
			}
			seen++
			re, decimals := visitsRE, 0
			if measure == "Cost / visit" {
				re, decimals = moneyRE, 2
			}
			if !re.MatchString(row[c]) {
				t.Errorf("LibreOffice row %d %v shows %q, not as %s", r+1, key, row[c], re)
				continue
			}
			got, err1 := strconv.ParseFloat(strings.NewReplacer("$", "", ",", "").Replace(row[c]), 64)
			w, err2 := strconv.ParseFloat(exp, 64)
			// Equal at the displayed precision: within half a unit of
			// the last digit shown (a float of the raw value can sit on
			// either side of a tie).
			if err1 != nil || err2 != nil || math.Abs(got-w) > 0.5*math.Pow10(-decimals)+1e-9 {
				t.Errorf("LibreOffice row %d %v shows %q, the raw CSV has %s", r+1, key, row[c], exp)
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
		t.Errorf("LibreOffice shows %d values, the raw CSV has %d", seen, nonNull)
	}

	// What LibreOffice shows is what assay's formatted CSV shows.
	fmtRecs := parseCSV(t, "formatted csv", formatted)
	if len(fmtRecs) != len(shown) {
		t.Errorf("LibreOffice shows %d rows, the formatted CSV has %d", len(shown), len(fmtRecs))
	}
	for r := range min(len(fmtRecs), len(shown)) {
		if !slices.Equal(fmtRecs[r], shown[r]) {
			t.Errorf("row %d: LibreOffice shows %q, the formatted CSV %q", r+1, shown[r], fmtRecs[r])
		}
	}
}

// readCSVFile reads the CSV soffice wrote at path; log is soffice's
// output, for the message when it wrote none.
func readCSVFile(t *testing.T, path, log string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("soffice wrote no %s: %v\n%s", filepath.Base(path), err, log)
	}
	return parseCSV(t, path, string(data))
}

// parseCSV parses text, all records of the same width.
func parseCSV(t *testing.T, what, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %v (%d records)", what, err, len(recs))
	}
	return recs
}
