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

// TestExamplesSameOnMySQL runs every example report on MariaDB, loaded
// by `assay demo`, and on PostgreSQL and wants byte-identical CSV.
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
			if code != 0 {
				t.Fatalf("mysql: exit %d: %s", code, errs)
			}
			if fromMy != fromPG {
				t.Errorf("CSV differs between MariaDB and PostgreSQL:\n%s", strings.NewReplacer("duckdb:  ", "mariadb: ").Replace(firstDifference(fromMy, fromPG)))
			}
		})
	}
}
