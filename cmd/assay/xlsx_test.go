package main

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/reports/xlsxcheck"
)

// xlsxExpect are the number formats and NULL texts the spec's format:
// gives the columns of each report checked, by CSV column name.
var xlsxExpect = map[string]xlsxcheck.Expect{
	"weekly_outliers": {NumFmts: map[string]string{
		"week": "yyyy-mm-dd", "completed": "#,##0", "staff_hours": "#,##0", "staff_cost": `"$"#,##0`,
		"visits_per_hour": "#,##0.00", "cost_per_visit": `"$"#,##0.00`, "visits_per_hour_score": "#,##0.0",
		"cost_per_visit_score": "#,##0.0", "efficiency": "#,##0",
	}},
	"clinic_efficiency": {
		NumFmts: map[string]string{
			"completed": "#,##0", "staff_hours": "#,##0.0", "staff_cost": `"$"#,##0`,
			"cost_per_visit": `"$"#,##0.00`, "share_of_visits": "#,##0.0%", "wow_change": "#,##0.0%",
		},
		Nulls: map[string]string{"wow_change": "n/a"},
		// {date: YYYY-Www}: Excel has no ISO week format, so the week is
		// the text the formatted CSV shows.
		Shown: map[string]func(string) string{"week": isoWeekText},
	},
	"visit_details": {
		NumFmts: map[string]string{
			"id": "#,##0", "day": "dd mmm yyyy", "started_at": "yyyy-mm-dd", "charge": `"€"#,##0.00`,
			"wait_minutes": "#,##0",
		},
		Nulls: map[string]string{"wait_minutes": "n/a"},
		Kinds: map[string]xlsxcheck.Kind{
			"formula_like": xlsxcheck.Text, "link_like": xlsxcheck.Text, "at_sign": xlsxcheck.Text,
			"charge": xlsxcheck.Number, "started_at": xlsxcheck.Date,
		},
	},
	// Reports without format: get the defaults of their types.
	"clinic_weekly_throughput": {NumFmts: map[string]string{
		"week": "yyyy-mm-dd", "visits": "#,##0", "completed": "#,##0", "no_shows": "#,##0",
	}},
	"service_mix": {NumFmts: map[string]string{
		"month": "yyyy-mm-dd", "visits": "#,##0", "revenue": "#,##0.00", "avg_charge": "#,##0.0###",
	}},
	"staff_cost_monthly": {NumFmts: map[string]string{
		"month": "yyyy-mm-dd", "shifts": "#,##0", "hours": "#,##0.00", "cost": "#,##0.0000",
		"cost_per_hour": "#,##0.0###", "longest_shift": "#,##0.00",
	}},
	"regional_revenue": {NumFmts: map[string]string{
		"year": "yyyy-mm-dd", "_level": "#,##0", "visits": "#,##0", "revenue": `"$"#,##0`,
		"revenue_per_visit": `"$"#,##0.00`, "share": "#,##0.0%",
	}, Totals: []string{"region", "year"}},
}

// isoWeekText is the CSV date v as YYYY-Www (2025-W01 for 2024-12-30),
// computed with the standard library; "" when v is not a date, which
// then fails the comparison.
func isoWeekText(v string) string {
	d, err := time.Parse("2006-01-02", v)
	if err != nil {
		return ""
	}
	y, w := d.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

// xlsxSpecs are the example reports and the XLSX test reports: a listing
// with a timestamp, a nullable decimal and formula-like text, and a report
// with totals.
func xlsxSpecs(t *testing.T) []string {
	specs := exampleReports(t)
	more, err := filepath.Glob(filepath.Join("testdata", "xlsx", "*.yaml"))
	if err != nil || len(more) < 2 {
		t.Fatalf("XLSX test reports: %v %v", more, err)
	}
	return append(specs, more...)
}

// runCSVAndXLSX runs spec once with --format csv,xlsx and returns the
// CSV text and the path of the workbook.
func runCSVAndXLSX(t *testing.T, db, spec string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if code, _, errs := assay(t, "run", spec, "--db", db, "--format", "csv,xlsx", "--out", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	csvText, err := os.ReadFile(filepath.Join(dir, reportName(spec)+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	return string(csvText), filepath.Join(dir, reportName(spec)+".xlsx")
}

// TestXLSXReportsMatchCSV runs every example report and the XLSX test
// reports on the demo DuckDB with --format csv,xlsx, reads the workbook
// with openpyxl and compares it with the CSV of the same run: every value,
// its type and the number format of the formatted columns; the header
// holds the labels of --formatted CSV.
func TestXLSXReportsMatchCSV(t *testing.T) {
	db := duckDB(t)
	for _, spec := range xlsxSpecs(t) {
		name := reportName(spec)
		if text, err := os.ReadFile(spec); err != nil || strings.Contains(string(text), "\npivot:") {
			continue // pivoted in the workbook, not the long shape of the CSV
		}
		t.Run(name, func(t *testing.T) {
			csvText, path := runCSVAndXLSX(t, db, spec)
			wb := xlsxcheck.Read(t, path)
			sh := wb.Sheet(t, name)
			xlsxcheck.CompareCSV(t, sh, csvText, xlsxExpect[name])
			code, formatted, errs := assay(t, "run", spec, "--db", db, "--format", "csv", "--formatted", "-o", "-")
			if code != 0 {
				t.Fatalf("formatted csv: exit %d: %s", code, errs)
			}
			labels, err := csv.NewReader(strings.NewReader(formatted)).Read()
			if err != nil {
				t.Fatal(err)
			}
			for c, want := range labels {
				if h := sh.Rows[0][c]; h.Text() != want || !h.B {
					t.Errorf("header %d: %q, want bold %q", c+1, h.Text(), want)
				}
			}
			if len(wb.Sheets) != 2 || wb.Sheets[1].Name != "About" {
				t.Fatalf("sheets: %d, second %q", len(wb.Sheets), wb.Sheets[len(wb.Sheets)-1].Name)
			}
			// The About sheet names the database, never its URL or path.
			about := map[string]string{}
			for _, row := range wb.Sheets[1].Rows {
				for _, cell := range row {
					if strings.Contains(cell.Text(), strings.TrimPrefix(db, "duckdb:")) || strings.Contains(cell.Text(), "duckdb:") {
						t.Errorf("About shows the database URL: %q", cell.Text())
					}
				}
				about[row[0].Text()] = row[1].Text()
			}
			if about["Database"] != filepath.Base(db) || about["Report"] != name || about["Run at"] == "" {
				t.Errorf("About: %v", about)
			}
		})
	}
}

// TestXLSXTotalsAndOutliers: the totals rows (_level > 0) of a report with
// totals are bold, detail rows not; the cells the outlier rules of
// weekly_outliers flagged are filled, and no other cell is.
func TestXLSXTotalsAndOutliers(t *testing.T) {
	db := duckDB(t)
	csvText, path := runCSVAndXLSX(t, db, filepath.Join("testdata", "xlsx", "regional_revenue.yaml"))
	rows, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sh := xlsxcheck.Read(t, path).Sheet(t, "regional_revenue")
	level, totals := column(t, rows[0], "_level"), 0
	for r := 1; r < len(rows); r++ {
		total := rows[r][level] != "0"
		if total {
			totals++
		}
		if cell := sh.Rows[r][level+1]; cell.B != total {
			t.Errorf("row %d (_level %s): bold %v", r, rows[r][level], cell.B)
		}
	}
	if totals < 2 {
		t.Errorf("only %d totals rows", totals)
	}

	spec := filepath.Join("..", "..", "examples", "emr", "reports", "weekly_outliers.yaml")
	csvText, path = runCSVAndXLSX(t, db, spec)
	if rows, err = csv.NewReader(strings.NewReader(csvText)).ReadAll(); err != nil {
		t.Fatal(err)
	}
	sh = xlsxcheck.Read(t, path).Sheet(t, "weekly_outliers")
	flagged := 0
	for _, metric := range []string{"visits_per_hour", "cost_per_visit"} {
		m, f := column(t, rows[0], metric), column(t, rows[0], metric+"_outlier")
		for r := 1; r < len(rows); r++ {
			want := rows[r][f] == "true"
			if want {
				flagged++
			}
			if cell := sh.Rows[r][m]; (cell.Fill != "") != want {
				t.Errorf("row %d %s: fill %q, flagged %v", r, metric, cell.Fill, want)
			}
		}
	}
	if flagged == 0 {
		t.Error("no flagged cell in weekly_outliers")
	}
}

// column is the index of name in header.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	for i, h := range header {
		if h == name {
			return i
		}
	}
	t.Fatalf("no column %q in %v", name, header)
	return -1
}

// TestXLSXTooManyRowsKeepsFiles runs a listing of 1,048,576 rows, one
// more than a sheet holds under its header, with --format csv,xlsx into a
// folder holding the files of an earlier run: exit code 1, a message
// naming the limit, and both earlier files as they were (the set of
// outputs is committed together or not at all), no temporary file left.
func TestXLSXTooManyRowsKeepsFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a million-row listing")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.duckdb")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE big AS SELECT range AS n FROM range(1048576)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "big.yaml")
	const text = "report: big\nfrom: big b\ndimensions:\n  n: b.n\nmeasures:\n  rows: count(*)\norder: [n]\n"
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"big.csv", "big.xlsx"} {
		if err := os.WriteFile(filepath.Join(out, f), []byte("earlier "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := assay(t, "run", spec, "--db", "duckdb:"+path, "--format", "csv,xlsx", "--out", out)
	if code != exitRuntime || !strings.Contains(errs, "too many rows for an Excel sheet") || !strings.Contains(errs, "1,048,575") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	// The two earlier files and the run's manifest recording the failure.
	if len(entries) != 3 {
		t.Errorf("files in the output folder: %v", entries)
	}
	if m := readManifest(t, out); m.Status != "failed" || len(m.Reports) != 1 || len(m.Reports[0].Outputs) != 0 {
		t.Errorf("manifest %+v; want status failed and no outputs", m)
	}
	for _, f := range []string{"big.csv", "big.xlsx"} {
		if b, _ := os.ReadFile(filepath.Join(out, f)); string(b) != "earlier "+f {
			t.Errorf("%s changed: %.40q", f, b)
		}
	}
}
