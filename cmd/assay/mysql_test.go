package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

// mysqlDemo creates a MariaDB database of the test's own and loads the
// example data into it with `assay demo`.
func mysqlDemo(t *testing.T) string {
	t.Helper()
	db := mysqltest.Create(t, "assay_cmd", nil)
	code, out, errs := assay(t, "demo", "--db", db.URL)
	if code != 0 || !strings.Contains(out, "loaded the example data into MySQL") || !strings.Contains(out, "visits:") {
		t.Fatalf("demo: exit %d: %s%s", code, out, errs)
	}
	return db.URL
}

// refusedOnMySQL are the example reports the MySQL dialect cannot run,
// with the diagnostic `assay run` must refuse them with (docs/spec.md).
// None is: clinic_weekly_throughput's percentile runs since quantiles are
// computed from row numbers there.
var refusedOnMySQL = map[string]string{}

// TestExamplesSameOnMySQL runs every example report on MariaDB, loaded
// by `assay demo`, and on PostgreSQL and wants byte-identical CSV, or,
// for the reports listed in refusedOnMySQL, a refusal before anything
// runs (exit code 2) that names the function and the dialect.
func TestExamplesSameOnMySQL(t *testing.T) {
	pg := postgresDB(t)
	my := mysqlDemo(t)
	for _, spec := range exampleReports(t) {
		t.Run(reportName(spec), func(t *testing.T) {
			code, fromPG, errs := assay(t, "run", spec, "--db", pg, "--format", "csv", "-o", "-")
			if code != 0 {
				t.Fatalf("postgres: exit %d: %s", code, errs)
			}
			code, fromMy, errs := assay(t, "run", spec, "--db", my, "--format", "csv", "-o", "-")
			if want, refused := refusedOnMySQL[reportName(spec)]; refused {
				if code != 2 || !strings.Contains(errs, want) || fromMy != "" {
					t.Errorf("mysql: exit %d, %q; want exit 2 and %q", code, errs, want)
				}
				return
			}
			if code != 0 {
				t.Fatalf("mysql: exit %d: %s", code, errs)
			}
			if fromMy != fromPG {
				t.Errorf("CSV differs between MariaDB and PostgreSQL:\n%s", strings.NewReplacer("duckdb:  ", "mariadb: ").Replace(firstDifference(fromMy, fromPG)))
			}
		})
	}
}

// hostileParams put quotes, backslashes and comment starters into the
// inlined values (as -p lists are CSV, a value with a comma is quoted).
var hostileParams = map[string][]string{
	"staff_cost_monthly": {"-p", `roles=nurse,"x\' OR 1=1 -- ",it's,back\slash,physician`, "-p", "min_hours=4.5"},
	"service_mix":        {"-p", "start=2024-06-01"},
}

// TestInlineSQLOnMySQLBothModes runs the output of `assay sql --inline
// --dialect mysql` unchanged on MariaDB, with and without
// NO_BACKSLASH_ESCAPES in sql_mode, and wants the rows of `assay run`.
func TestInlineSQLOnMySQLBothModes(t *testing.T) {
	my := mysqlDemo(t)
	noBackslash := my + "?sql_mode=" + url.QueryEscape("CONCAT(@@sql_mode,',NO_BACKSLASH_ESCAPES')")
	for _, spec := range exampleReports(t) {
		if _, refused := refusedOnMySQL[reportName(spec)]; refused {
			continue
		}
		params := hostileParams[reportName(spec)]
		code, want, errs := assay(t, append([]string{"run", spec, "--db", my, "--format", "csv", "-o", "-"}, params...)...)
		if code != 0 {
			t.Fatalf("run %s: %s", spec, errs)
		}
		code, inline, errs := assay(t, append([]string{"sql", spec, "--inline", "--db", my, "--dialect", "mysql"}, params...)...)
		if code != 0 {
			t.Fatalf("sql --inline %s: %s", spec, errs)
		}
		if strings.Contains(statement(inline), "?") {
			t.Fatalf("inline SQL still has placeholders:\n%s", inline)
		}
		if strings.Contains(spec, "outliers") {
			want = firstColumns(t, want, 7)
		}
		sql := strings.TrimSuffix(statement(inline), ";")
		for _, db := range []string{my, noBackslash} {
			if got := queryCSV(t, db, spec, sql); got != want {
				t.Errorf("%s: inline SQL on MariaDB (%s) differs:\n%s", spec, db, firstDifference(want, got))
			}
		}
	}
}
