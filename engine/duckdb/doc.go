// Package duckdb is the DuckDB backend of assay's engine. It opens a
// database file read-only (or wraps an existing *sql.DB), reflects tables,
// views, columns and keys from DuckDB's duckdb_* table functions, and runs
// each query on a dedicated connection in a read-only transaction.
//
// Results stream. duckdb-go prepares the statement and binds its values;
// the statement is then executed through DuckDB's C API
// (github.com/duckdb/duckdb-go-bindings, no build tag) as a streaming
// result, fetched one data chunk of 2,048 rows at a time, and each chunk is
// decoded vector by vector, straight from DuckDB's memory, into the Arrow
// builders of the compiled result schema, in record batches of the query's
// batch size. Fixed-width values whose storage is the builder's own are
// copied as they are; every other value goes through the conversions of
// engine/arrowconv the row path uses, so both paths give the same values
// and errors. At most one batch and one chunk are held, whatever the size
// of the result. The context's end interrupts the running query
// (duckdb_interrupt); releasing the reader early destroys the result,
// which stops it.
//
// duckdb-go does not export its C handles, so the connection and the
// prepared statement are read from its unexported fields after checking
// their names and exact types (stream.go); a driver whose layout differs
// is detected, never misread, and its queries take the row path.
//
// The row path reads rows through database/sql into the same builders
// (engine/arrowconv.Reader): one allocation per value. It serves results
// with a column the streaming path does not decode: TIME, TIME WITH TIME
// ZONE, LIST, STRUCT, MAP, ARRAY, UNION, BIT, UHUGEINT, VARINT and any
// newer type (see coltype.go for the decoded ones).
//
// Every file but this one is behind the build constraint !noduckdb: a build
// with -tags noduckdb (the pure-Go assay) has no DuckDB, and the DuckDB
// entry of engine/backends refuses duckdb: URLs instead.
package duckdb
