// Package duckdb is the DuckDB backend of assay's engine. It opens a
// database file read-only (or wraps an existing *sql.DB), reflects tables,
// views, columns and keys from DuckDB's duckdb_* table functions, and runs
// each query on a dedicated connection in a read-only transaction, reading
// the rows through database/sql into Arrow builders of the compiled result
// schema (through engine/arrowconv).
//
// The rows are read without the duckdb_arrow build tag, so the package
// builds with a plain `go build` (see docs/architecture.md). DuckDB hands
// the driver its rows in vectors of 2,048; arrowconv.Reader re-chunks them
// into record batches of the query's batch size, the same as PostgreSQL's,
// reading one batch at a time, so memory stays bounded for any number of
// rows. database/sql boxes every value in an interface, which costs an
// allocation per value; that is fine for aggregated results and acceptable
// for listings (see docs/performance.md).
//
// Every file but this one is behind the build constraint !noduckdb: a build
// with -tags noduckdb (the pure-Go assay) has no DuckDB, and the DuckDB
// entry of engine/backends refuses duckdb: URLs instead.
package duckdb
