//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
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
	utc   bool // the database's time zone is UTC and cannot be changed
}

var _ engine.Backend = (*Backend)(nil)

// Open opens the DuckDB database file at path read-only (reports only
// read), or a new empty in-memory database when path is ":memory:" or "".
// DuckDB options may follow the path as in "file.db?threads=4".
//
// A report database may come from anywhere, and a view in it runs with the
// rights of assay: it is opened with external access off (no reading or
// writing of host files, no ATTACH, no extension installed or loaded from
// outside), whatever the options say, with its time zone set to UTC and
// its configuration locked, so that no statement can turn any of this
// back on.
func Open(ctx context.Context, path string) (*Backend, error) {
	name, err := dsn(path)
	if err != nil {
		return nil, fmt.Errorf("duckdb: cannot open %q: %w", shownPath(path), err)
	}
	db, err := sql.Open("duckdb", name)
	if err != nil {
		return nil, fmt.Errorf("duckdb: cannot open %q: %w", shownPath(path), err)
	}
	if err := lockConfiguration(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("duckdb: cannot open %q: %w", shownPath(path), err)
	}
	return &Backend{db: db, owned: true, utc: true}, nil
}

// lockConfiguration sets the database's time zone to UTC and locks its
// configuration. DuckDB shares one instance between the opens of a file
// in a process, so the instance may be locked already.
func lockConfiguration(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var locked bool
	var tz string
	const settings = `SELECT current_setting('lock_configuration'), current_setting('TimeZone')`
	if err := conn.QueryRowContext(ctx, settings).Scan(&locked, &tz); err != nil {
		return err
	}
	if locked {
		if tz != "UTC" {
			return fmt.Errorf("the database is locked with time zone %q, not UTC", tz)
		}
		return nil
	}
	for _, stmt := range []string{`SET GLOBAL TimeZone = 'UTC'`, `SET GLOBAL lock_configuration = true`} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return err
		}
	}
	return nil
}

// OpenDB wraps an open DuckDB handle. Queries still run in read-only
// transactions, but the database itself is as writable as db and keeps
// its own configuration. Close does not close db; its owner does.
func OpenDB(db *sql.DB) *Backend { return &Backend{db: db} }

// forcedOptions are the DuckDB options every database Open opens gets,
// replacing any the path gives: read-only (files only) and no external
// access.
var forcedOptions = []string{"access_mode", "enable_external_access"}

// dsn returns the driver's DSN for path: read-only for a file, external
// access off for every database.
func dsn(path string) (string, error) {
	file, query, _ := strings.Cut(path, "?")
	opts, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("options after ?: %w", err)
	}
	for k := range opts {
		for _, f := range forcedOptions {
			if strings.EqualFold(k, f) {
				opts.Del(k)
			}
		}
	}
	if file == Memory {
		file = ""
	}
	if file != "" {
		opts.Set("access_mode", "READ_ONLY")
	}
	opts.Set("enable_external_access", "false")
	return file + "?" + opts.Encode(), nil
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
