package backends

import (
	"path/filepath"
	"strings"
)

// duckDBScheme starts a DuckDB URL, in every build.
const duckDBScheme = "duckdb:"

// duckDBMemory is the path of an in-memory DuckDB database.
const duckDBMemory = ":memory:"

// resolveDuckDB makes the file of a duckdb:PATH[?options] URL relative to
// dir when it is relative. An in-memory database has no file. It is pure
// Go, so the noduckdb build resolves (and then refuses) the same paths.
func resolveDuckDB(url, dir string) string {
	path := strings.TrimPrefix(url, duckDBScheme)
	file, options, hasOptions := strings.Cut(path, "?")
	if file == "" || file == duckDBMemory || filepath.IsAbs(file) {
		return url
	}
	resolved := duckDBScheme + filepath.Join(dir, file)
	if hasOptions {
		resolved += "?" + options
	}
	return resolved
}
