package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
)

// handWritten are SQL queries written by hand for two example reports,
// with their default parameters spelled out. They use only SQL that
// PostgreSQL and DuckDB both accept.
var handWritten = map[string]string{
	"service_mix": `
SELECT CAST(date_trunc('month', v.day) AS DATE) AS month,
       s.category AS category,
       count(*) AS visits,
       sum(v.charge) AS revenue,
       avg(v.charge) AS avg_charge,
       count(DISTINCT v.service_id) AS services_used
FROM visits v
LEFT JOIN services s ON s.id = v.service_id
WHERE v.day >= DATE '2025-01-01' AND v.day <= DATE '2025-12-31'
  AND v.status = 'completed'
GROUP BY 1, 2
ORDER BY 1 NULLS LAST, 4 DESC NULLS LAST`,
	"staff_cost_monthly": `
SELECT c.name AS clinic, st.role AS role,
       CAST(date_trunc('month', sh.day) AS DATE) AS month,
       count(*) AS shifts,
       count(DISTINCT st.id) AS staff,
       sum(sh.hours) AS hours,
       sum(sh.hours * st.hourly_cost) AS cost,
       CAST(sum(sh.hours * st.hourly_cost) AS DOUBLE PRECISION) / CAST(sum(sh.hours) AS DOUBLE PRECISION) AS cost_per_hour,
       max(sh.hours) AS longest_shift
FROM shifts sh
JOIN staff st ON st.id = sh.staff_id
JOIN clinics c ON c.id = sh.clinic_id
WHERE sh.day BETWEEN DATE '2025-07-01' AND DATE '2025-12-31'
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`,
}

// queryCSV runs sql on the database at url and writes the rows, typed by
// the spec's plan, as CSV.
func queryCSV(t *testing.T, url, specPath, sql string) string {
	t.Helper()
	ctx := context.Background()
	b, err := openBackend(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, ds := spec.LoadFile(specPath)
	plan, cds := compiler.Compile(r, cat)
	if ds.HasErrors() || cds.HasErrors() {
		t.Fatalf("%v %v", ds, cds)
	}
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := b.Query(ctx, engine.Query{SQL: sql, Schema: plan.Result.QuerySchema(), Alloc: alloc})
	if err != nil {
		t.Fatalf("%s: %v", url[:6], err)
	}
	defer rr.Release()
	var buf bytes.Buffer
	if err := reports.WriteCSV(&buf, rr); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestExamplesMatchHandWrittenSQL compares two example reports with the
// hand-written queries above, on both databases.
func TestExamplesMatchHandWrittenSQL(t *testing.T) {
	dbs := map[string]string{"duckdb": duckDB(t), "postgres": postgresDB(t)}
	for name, sql := range handWritten {
		specPath := filepath.Join("../../examples/emr/reports", name+".yaml")
		for dname, url := range dbs {
			code, got, errs := assay(t, "run", specPath, "--db", url, "--format", "csv", "-o", "-")
			if code != 0 {
				t.Fatalf("%s on %s: exit %d: %s", name, dname, code, errs)
			}
			if want := queryCSV(t, url, specPath, sql); got != want {
				t.Errorf("%s on %s differs from the hand-written query:\n%s", name, dname, firstDifference(got, want))
			}
		}
	}
}

// inlineParams exercise text lists and numbers in the inlined SQL.
var inlineParams = map[string][]string{
	"staff_cost_monthly": {"-p", "roles=nurse,physician", "-p", "min_hours=4.5"},
	"service_mix":        {"-p", "start=2024-06-01"},
}

// TestInlineSQLRunsAsIs runs the output of `assay sql --inline` unchanged:
// with psql on PostgreSQL and through the DuckDB driver on DuckDB, and
// compares the rows with `assay run`.
func TestInlineSQLRunsAsIs(t *testing.T) {
	duck, pg := duckDB(t), postgresDB(t)
	psql, err := exec.LookPath("psql")
	if err != nil {
		t.Fatalf("psql is needed for this test: %v", err)
	}
	for _, spec := range exampleReports(t) {
		params := inlineParams[reportName(spec)]
		for _, c := range []struct{ dialect, db string }{{"postgres", pg}, {"duckdb", duck}} {
			code, want, errs := assay(t, append([]string{"run", spec, "--db", c.db, "--format", "csv", "-o", "-"}, params...)...)
			if code != 0 {
				t.Fatalf("run %s: %s", spec, errs)
			}
			code, inline, errs := assay(t, append([]string{"sql", spec, "--inline", "--db", c.db, "--dialect", c.dialect}, params...)...)
			if code != 0 {
				t.Fatalf("sql --inline %s: %s", spec, errs)
			}
			if strings.Contains(inline, "$1") {
				t.Fatalf("inline SQL still has placeholders:\n%s", inline)
			}
			if strings.Contains(spec, "outliers") {
				// The SQL returns the columns before outlier scoring adds its own.
				want = firstColumns(t, want, 7)
			}
			if c.dialect == "duckdb" {
				if got := queryCSV(t, c.db, spec, strings.TrimSuffix(strings.TrimSpace(inline), ";")); got != want {
					t.Errorf("%s: inline SQL on DuckDB differs:\n%s", spec, firstDifference(want, got))
				}
				continue
			}
			out, err := exec.Command(psql, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", c.db, "-c", inline).CombinedOutput()
			if err != nil {
				t.Fatalf("psql: %v\n%s", err, out)
			}
			compareCSVCells(t, spec, want, string(out))
		}
	}
}

// compareCSVCells compares assay's CSV with psql's, cell by cell: equal as
// text, or as the same number when both parse (psql and assay may spell
// one float differently, e.g. 1e+06 and 1000000).
func compareCSVCells(t *testing.T, spec, want, got string) {
	t.Helper()
	wr, err1 := csv.NewReader(strings.NewReader(want)).ReadAll()
	gr, err2 := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: unreadable CSV: %v %v", spec, err1, err2)
	}
	if len(wr) != len(gr) {
		t.Fatalf("%s: psql returned %d lines, assay %d", spec, len(gr), len(wr))
	}
	for i := range wr {
		if len(wr[i]) != len(gr[i]) {
			t.Fatalf("%s line %d: %q vs %q", spec, i+1, wr[i], gr[i])
		}
		for j := range wr[i] {
			w, g := wr[i][j], gr[i][j]
			if w == g {
				continue
			}
			wf, e1 := strconv.ParseFloat(w, 64)
			gf, e2 := strconv.ParseFloat(g, 64)
			if e1 != nil || e2 != nil || wf != gf {
				t.Fatalf("%s line %d cell %d: assay %q, psql %q", spec, i+1, j+1, w, g)
			}
		}
	}
}

// firstColumns keeps the first n columns of a CSV text.
func firstColumns(t *testing.T, text string, n int) string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, r := range rows {
		w.Write(r[:n])
	}
	w.Flush()
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}
