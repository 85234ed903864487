//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	// The database/sql driver "duckdb".
	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Memory is the path of an in-memory database.
const Memory = ":memory:"

// ErrNoSchema reports a query without a result schema.
var ErrNoSchema = errors.New("query has no result schema")

// Backend is a DuckDB database. It implements engine.Backend and is safe
// for concurrent use.
type Backend struct {
	db    *sql.DB
	owned bool // Close closes db
}

var _ engine.Backend = (*Backend)(nil)

// Open opens the DuckDB database file at path read-only (reports only
// read), or a new empty in-memory database when path is ":memory:" or "".
// DuckDB options may follow the path as in "file.db?threads=4".
func Open(ctx context.Context, path string) (*Backend, error) {
	db, err := sql.Open("duckdb", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("duckdb: cannot open %q: %w", shownPath(path), err)
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("duckdb: cannot open %q: %w", shownPath(path), err)
	}
	return &Backend{db: db, owned: true}, nil
}

// OpenDB wraps an open DuckDB handle. Queries still run in read-only
// transactions, but the database itself is as writable as db. Close does
// not close db; its owner does.
func OpenDB(db *sql.DB) *Backend { return &Backend{db: db} }

// dsn returns the driver's DSN for path: read-only for a file.
func dsn(path string) string {
	if path == "" || path == Memory {
		return ""
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "access_mode=READ_ONLY"
}

// shownPath is path without its options, which may hold tokens.
func shownPath(path string) string {
	p, _, _ := strings.Cut(path, "?")
	return p
}

// Dialect returns dialect.DuckDB.
func (b *Backend) Dialect() *dialect.Dialect { return dialect.DuckDB }

// Close closes the database if Open opened it.
func (b *Backend) Close() error {
	if !b.owned {
		return nil
	}
	if err := b.db.Close(); err != nil {
		return fmt.Errorf("duckdb: close: %w", err)
	}
	return nil
}
