package main

import (
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
var refusedOnMySQL = map[string]string{
	"clinic_weekly_throughput": "error: function percentile is not available on mysql: ",
}

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
