//go:build !noduckdb

package backends

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/duckdb"
)

// duckDBEntry is the embedded DuckDB; the URL is duckdb:PATH (options may
// follow as in duckdb:file.db?threads=4) or duckdb::memory:.
func duckDBEntry() Entry {
	return Entry{
		Name:    "duckdb",
		Schemes: []string{duckDBScheme},
		Dialect: dialect.DuckDB,
		Resolve: resolveDuckDB,
		Open:    openDuckDB,
	}
}

// openDuckDB opens an existing DuckDB file read-only, or an empty
// in-memory database. An embedded database has no connections to recycle:
// the connection settings do not apply.
func openDuckDB(ctx context.Context, url string, _ engine.ConnOptions) (engine.Backend, error) {
	path := strings.TrimPrefix(url, duckDBScheme)
	// Options after ? may hold tokens: never print them.
	file, _, _ := strings.Cut(path, "?")
	if file != duckdb.Memory {
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("DuckDB database %s does not exist (create it with `assay demo --db duckdb:%s`)", file, file)
		}
	}
	b, err := duckdb.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return b, nil
}
