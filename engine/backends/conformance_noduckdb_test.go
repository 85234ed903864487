//go:build noduckdb

package backends_test

// addDuckDB adds nothing: this build has no DuckDB to test.
func addDuckDB(map[string]creator) {}
