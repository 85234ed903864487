// Package goldentest is a test-only package: it runs the compiler's golden
// corpus (compiler/goldentest/testdata/cases) on the databases. It has no
// code outside its _test.go files.
//
// The fixture (testdata/fixture.sql) is loaded into an in-memory DuckDB
// database and into a throwaway PostgreSQL database (on the server of
// ASSAY_TEST_POSTGRES_URL, by default postgres@127.0.0.1:5432), which the
// test creates and drops. Without a PostgreSQL server the PostgreSQL half
// is skipped, unless CI is set, where it fails.
//
// For each case the test compiles the spec against each database's
// reflected catalog, checks that it renders the corpus's golden SQL, runs
// it on DuckDB and on PostgreSQL and checks that both give result.csv,
// that the hand-written query gives the same rows through the same backend
// and Arrow schema, and that the --inline SQL gives them too (through the
// DuckDB backend, and through psql). TestCatalogJSON checks that the
// catalogs the compiler's tests read from JSON are what DuckDB reflects
// from the fixture and from the example EMR database.
//
// Rewrite result.csv and the catalogs' JSON after a deliberate change with
//
//	go test ./engine/goldentest -update
package goldentest
