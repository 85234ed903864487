package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Sandbox is one transaction on one connection in which temporary tables
// shadow real ones: the place a report test runs on PostgreSQL. pg_temp
// comes first in the transaction's search_path, so the unqualified table
// names of a report's SQL resolve to the temporary tables; the rows are
// inserted there, the report runs on the same connection in a read-only
// savepoint, and Close rolls everything back. Nothing is written to a real
// table, so a role with only SELECT rights (and the TEMPORARY privilege
// every role has by default) can run tests.
type Sandbox struct {
	b      *Backend
	conn   *pgxpool.Conn
	tx     pgx.Tx
	tables []*catalog.Table
	// qualified are the schema-qualified quoted names of the shadowed
	// tables: a query naming one would read the real table.
	qualified []string
}

var _ engine.Sandbox = (*Sandbox)(nil)

// Sandbox opens the transaction and creates a temporary table for each of
// tables with its reflected column types (format_type's spelling), primary
// key and unique keys. Two tables of one name cannot both be shadowed.
func (b *Backend) Sandbox(ctx context.Context, tables []*catalog.Table) (engine.Sandbox, error) {
	conn, err := b.pool.Acquire(ctx)
	if err != nil {
		return nil, b.errf("postgres: sandbox: %w", err)
	}
	s := &Sandbox{b: b, conn: conn, tables: tables}
	if err := s.open(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// open begins the transaction, puts pg_temp first in its search path and
// creates the temporary tables.
func (s *Sandbox) open(ctx context.Context) error {
	var err error
	if s.tx, err = s.conn.Begin(ctx); err != nil {
		return s.b.errf("postgres: sandbox: %w", err)
	}
	const path = `SELECT pg_catalog.set_config('search_path', 'pg_temp, ' || pg_catalog.current_setting('search_path'), true)`
	if _, err := s.tx.Exec(ctx, path); err != nil {
		return s.b.errf("postgres: sandbox search_path: %w", err)
	}
	d := dialect.Postgres
	seen := map[string]string{}
	for _, t := range s.tables {
		if other, dup := seen[t.Name]; dup {
			return fmt.Errorf("postgres: sandbox: tables %s.%s and %s.%s have one name; a temporary table can shadow only one: %w", other, t.Name, t.Schema, t.Name, engine.ErrNotShadowed)
		}
		seen[t.Name] = t.Schema
		s.qualified = append(s.qualified, d.Ident(t.Schema)+"."+d.Ident(t.Name))
		stmt := engine.CreateTableSQL(d, "pg_temp."+d.Ident(t.Name), t, nativeType)
		if _, err := s.tx.Exec(ctx, strings.Replace(stmt, "CREATE TABLE", "CREATE TEMPORARY TABLE", 1)); err != nil {
			return s.b.errf("postgres: sandbox table %s.%s: %w", t.Schema, t.Name, err)
		}
	}
	return nil
}

// nativeType is the PostgreSQL type of a reflected column, as
// format_type printed it (a domain's name for a domain column).
func nativeType(c *catalog.Column) string {
	if c.Type.Native != "" {
		return c.Type.Native
	}
	return "text"
}

// Dialect returns dialect.Postgres.
func (s *Sandbox) Dialect() *dialect.Dialect { return dialect.Postgres }

// Reflect returns the catalog of the shadowed tables.
func (s *Sandbox) Reflect(context.Context) (*catalog.Catalog, error) {
	return engine.SandboxCatalog("public", s.tables), nil
}

// Insert adds one row to the temporary table standing for t; see
// engine.Sandbox. The statement names pg_temp explicitly.
func (s *Sandbox) Insert(ctx context.Context, t *catalog.Table, cols []string, vals []any) error {
	d := dialect.Postgres
	stmt, args := engine.InsertSQL(d, "pg_temp."+d.Ident(t.Name), t, cols, vals, "text", nativeType)
	// A savepoint per row: a refused row does not abort the transaction,
	// so the rows after it are still checked.
	sp, err := s.tx.Begin(ctx)
	if err != nil {
		return s.b.errf("postgres: %w", err)
	}
	if _, err := sp.Exec(ctx, stmt, args...); err != nil {
		_ = sp.Rollback(ctx)
		return s.b.errf("postgres: %w", err)
	}
	if err := sp.Commit(ctx); err != nil {
		return s.b.errf("postgres: %w", err)
	}
	return nil
}

// Query runs q on the sandbox's connection, in a read-only savepoint of
// its transaction (see Backend.Query). A query that names a shadowed table
// with its schema would read the real table and is refused with
// engine.ErrNotShadowed.
func (s *Sandbox) Query(ctx context.Context, q engine.Query) (array.RecordReader, error) {
	for _, name := range s.qualified {
		if strings.Contains(q.SQL, name) {
			return nil, fmt.Errorf("postgres: %w: %s is named with its schema; write the table name alone in the spec to test it", engine.ErrNotShadowed, name)
		}
	}
	return s.b.query(ctx, q, s.tx)
}

// Close rolls the transaction back, dropping the temporary tables, and
// returns the connection to the pool. A second Close does nothing.
func (s *Sandbox) Close() error {
	if s.tx != nil {
		ctx, stop := context.WithTimeout(context.Background(), rollbackTimeout)
		defer stop()
		// A failed rollback makes pgx close the connection, which the
		// pool then discards: the temporary tables go with it.
		_ = s.tx.Rollback(ctx)
		s.tx = nil
	}
	if s.conn != nil {
		s.conn.Release()
		s.conn = nil
	}
	return nil
}
