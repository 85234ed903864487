// Package goldentest is the compiler's golden corpus and the code that
// reads it. Its tests compile every case against a reflected catalog saved
// as JSON and compare the SQL per dialect with the
// golden files; they need no database and build without cgo
// (CGO_ENABLED=0 go test -tags noduckdb ./compiler/...). engine/goldentest
// runs the same corpus on DuckDB and PostgreSQL.
//
// Each folder under testdata/cases is one case, compiled against
// testdata/catalog.json (the fixture's catalog as DuckDB reflects it):
//
//	spec.yaml                 the report
//	params                    optional: -p style name=value lines
//	postgres.sql, duckdb.sql  golden: the SQL assay writes, and its values
//	plan.txt                  golden: the checked plan, as Plan.Print writes it
//	handwritten.sql           the same report written by hand in SQL both
//	                          databases accept, or handwritten.postgres.sql
//	                          and handwritten.duckdb.sql (engine/goldentest)
//	result.csv                golden: the report's rows as CSV (engine/goldentest)
//	tolerance                 optional: the relative difference allowed
//	                          between floats that do not print the same,
//	                          then the reason
//	known_bug                 optional: skip the run, naming the bug
//	known_bug_timezone        optional: skip only the time zone test
//
// Each folder under testdata/examples holds the golden files of one
// example report (examples/emr/reports), compiled against
// ../testdata/emr_catalog.json, the example EMR database's catalog.
//
// Rewrite the golden files after a deliberate change with
//
//	go test ./compiler/... -update
//
// and the catalogs and result.csv with go test ./engine/goldentest -update.
package goldentest
