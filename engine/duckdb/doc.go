// Package duckdb is the DuckDB backend of assay's engine. It opens a
// database file read-only (or wraps an existing *sql.DB), reflects tables,
// views, columns and keys from DuckDB's duckdb_* table functions, and runs
// each query on a dedicated connection in a read-only transaction, reading
// the rows through database/sql into Arrow builders of the compiled result
// schema (through engine/arrowconv).
//
// The rows are read without the duckdb_arrow build tag, so the package
// builds with a plain `go build`; results of aggregation queries are small
// enough for that.
package duckdb
