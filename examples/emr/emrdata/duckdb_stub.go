//go:build noduckdb

package emrdata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// errNoDuckDB is returned by the DuckDB loaders in builds without DuckDB.
var errNoDuckDB = fmt.Errorf("emrdata: built with the noduckdb tag: %w", errors.ErrUnsupported)

// LoadDuckDB is unavailable in builds with the noduckdb tag; it returns an
// error wrapping errors.ErrUnsupported.
func LoadDuckDB(ctx context.Context, db *sql.DB, opts Options) (Stats, error) {
	return Stats{}, errNoDuckDB
}

// EnsureDuckDB is unavailable in builds with the noduckdb tag; it returns an
// error wrapping errors.ErrUnsupported.
func EnsureDuckDB(ctx context.Context, path string, opts Options) (created bool, err error) {
	return false, errNoDuckDB
}

// ReplaceDuckDB is unavailable in builds with the noduckdb tag; it returns
// an error wrapping errors.ErrUnsupported.
func ReplaceDuckDB(ctx context.Context, path string, opts Options) error {
	return errNoDuckDB
}
