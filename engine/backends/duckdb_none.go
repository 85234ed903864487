//go:build noduckdb

package backends

import (
	"context"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// errNoDuckDB is what the noduckdb build answers for a duckdb: URL.
var errNoDuckDB error = &refusal{ErrNotBuilt, "this assay was built without DuckDB (-tags noduckdb); use the default build for duckdb: URLs"}

// duckDBEntry is the DuckDB entry of a build without DuckDB: duckdb: URLs
// are recognised and the DuckDB dialect renders, but nothing opens.
func duckDBEntry() Entry {
	return Entry{
		Name:    "duckdb",
		Schemes: []string{duckDBScheme},
		Dialect: dialect.DuckDB,
		Resolve: resolveDuckDB,
		Open: func(context.Context, string, engine.ConnOptions) (engine.Backend, error) {
			return nil, errNoDuckDB
		},
		Missing: errNoDuckDB,
	}
}
