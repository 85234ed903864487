// Package goldentest is a test-only package: it holds the golden
// end-to-end tests of the compiler, the dialects and the backends. It has
// no code outside its _test.go files.
//
// The fixture (testdata/fixture.sql) is loaded into an in-memory DuckDB
// database and into a throwaway PostgreSQL database (on the server of
// ASSAY_TEST_POSTGRES_URL, by default postgres@127.0.0.1:5432), which the
// test creates and drops. Without a PostgreSQL server the PostgreSQL half
// is skipped, unless CI is set, where it fails.
//
// Each folder under testdata/cases is one case:
//
//	spec.yaml                 the report
//	params                    optional: -p style name=value lines
//	handwritten.sql           the same report written by hand in SQL both
//	                          databases accept, or handwritten.postgres.sql
//	                          and handwritten.duckdb.sql
//	postgres.sql, duckdb.sql  golden: the SQL assay writes, and its values
//	result.csv                golden: the report's rows as CSV
//	tolerance                 optional: the relative difference allowed
//	                          between floats that do not print the same,
//	                          then the reason
//	known_bug                 optional: skip the run, naming the bug
//	known_bug_timezone        optional: skip only the time zone test
//
// For each case the test compiles the spec against each database's
// reflected catalog, compares the SQL with the golden files, runs it on
// DuckDB and on PostgreSQL and checks that both give result.csv, that the
// hand-written query gives the same rows through the same backend and
// Arrow schema, and that the --inline SQL gives them too (through the
// DuckDB backend, and through psql).
//
// Rewrite the golden files after a deliberate change with
//
//	go test ./compiler/goldentest -update
package goldentest
