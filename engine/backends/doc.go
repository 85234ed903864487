// Package backends is the table of the databases assay runs on. Each entry
// names a backend, the URL schemes that select it, how to open it and the
// *dialect.Dialect its SQL is written in. The table is built explicitly by
// Table, from one function per backend; nothing registers itself at init.
//
// The DuckDB entry links the cgo DuckDB library. It lives in a file behind
// the build constraint !noduckdb; in a build with -tags noduckdb (a pure-Go
// binary: CGO_ENABLED=0 go build -tags noduckdb ./cmd/assay) its twin keeps
// the entry, so that duckdb: URLs are recognised and the DuckDB dialect
// still renders SQL, but opening a database fails with ErrNotBuilt and a
// message that names the default build.
package backends
