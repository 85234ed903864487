//go:build !noduckdb

package duckdb

import (
	"context"
	"fmt"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Sandbox is a fresh in-memory DuckDB database holding empty copies of
// tables reflected from another DuckDB database: the database a report
// test runs in. It never opens the file of the database it copies.
type Sandbox struct {
	*Backend
	tables []*catalog.Table
}

var _ engine.Sandbox = (*Sandbox)(nil)

// Sandbox opens a new in-memory database (external access off, time zone
// UTC, as Open does) and creates in it an empty table for each of tables,
// in its schema, with the reflected column types, primary key and unique
// keys. Views become tables of their columns. b itself is not touched.
func (b *Backend) Sandbox(ctx context.Context, tables []*catalog.Table) (engine.Sandbox, error) {
	mem, err := Open(ctx, Memory)
	if err != nil {
		return nil, err
	}
	sb := &Sandbox{Backend: mem, tables: tables}
	for _, t := range tables {
		if err := sb.create(ctx, t); err != nil {
			_ = mem.Close()
			return nil, err
		}
	}
	return sb, nil
}

// create creates the schema (when missing) and the table standing for t.
func (s *Sandbox) create(ctx context.Context, t *catalog.Table) error {
	d := dialect.DuckDB
	stmt := "CREATE SCHEMA IF NOT EXISTS " + d.Ident(t.Schema)
	if _, err := s.db.ExecContext(ctx, stmt); err != nil {
		return fmt.Errorf("duckdb: sandbox schema %s: %w", t.Schema, err)
	}
	if _, err := s.db.ExecContext(ctx, engine.CreateTableSQL(d, d.Ident(t.Schema)+"."+d.Ident(t.Name), t, nativeType)); err != nil {
		return fmt.Errorf("duckdb: sandbox table %s.%s: %w", t.Schema, t.Name, err)
	}
	return nil
}

// nativeType is the DuckDB type of a column of a DuckDB catalog.
func nativeType(c *catalog.Column) string {
	if c.Type.Native != "" {
		return c.Type.Native
	}
	return "VARCHAR"
}

// Insert adds one row to the sandbox's copy of t; see engine.Sandbox.
func (s *Sandbox) Insert(ctx context.Context, t *catalog.Table, cols []string, vals []any) error {
	d := dialect.DuckDB
	stmt, args := engine.InsertSQL(d, d.Ident(t.Schema)+"."+d.Ident(t.Name), t, cols, vals, "VARCHAR", nativeType)
	if _, err := s.db.ExecContext(ctx, stmt, args...); err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	return nil
}

// Reflect returns the catalog of the sandbox's tables.
func (s *Sandbox) Reflect(context.Context) (*catalog.Catalog, error) {
	return engine.SandboxCatalog(defaultSchema, s.tables), nil
}
