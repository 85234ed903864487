// Package spectest runs the unit tests of report specs (`assay test`,
// section 7 of the language contract): the cases of a
// `<report>.test.yaml` file beside a spec, each with parameters, fixture
// rows per table and the expected rows or error.
//
// A case runs in an engine.Sandbox of the database the command connects to:
// fresh tables that stand for the reflected ones (an in-memory DuckDB
// database, or PostgreSQL temporary tables in a rolled-back transaction),
// loaded with the case's rows. The report is compiled against the real
// catalog, so fan-out analysis and types are those of the real schema.
//
// The package reads test files through yaml.Node, so every problem in them
// is a spec.Diagnostic with the file's line and column; it compares the
// result with the expectation (see compare.go), prints a row diff,
// rewrites expectations (--update, update.go) and writes JUnit XML
// (junit.go).
package spectest
