package engine

import (
	"context"
	"errors"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
)

// Sandbox is a private, disposable stand-in for some tables of a database,
// for `assay test`: empty tables with the same names, column types and
// keys that shadow the real ones, fixture rows inserted into them, and
// queries (Backend.Query, hence engine.Run) that run where those rows are
// visible. Close discards all of it; a sandbox never writes to the real
// tables. A sandbox is one session: use it from one goroutine at a time.
type Sandbox interface {
	Backend
	// Insert adds one row to the sandbox's table standing for t. vals[i]
	// is the value of column cols[i]: nil for NULL, or a string in the
	// text form of the column's type (as the database reads it in a cast
	// from text), which the database converts; a value that does not fit
	// the column is an error.
	Insert(ctx context.Context, t *catalog.Table, cols []string, vals []any) error
}

// SandboxOpener is a Backend that can open sandboxes.
type SandboxOpener interface {
	Backend
	// Sandbox opens a sandbox holding an empty table for each of tables
	// (reflected from this backend), columns typed as reflected, with
	// their primary and unique keys but no foreign keys, NOT NULL or
	// defaults, so that a fixture gives only the columns that matter.
	Sandbox(ctx context.Context, tables []*catalog.Table) (Sandbox, error)
}

// ErrNotShadowed reports a query that names a real table the sandbox
// cannot stand in for (on PostgreSQL, a schema-qualified table name: the
// temporary tables shadow unqualified names only).
var ErrNotShadowed = errors.New("the query names a table the sandbox cannot shadow")

// SandboxCatalog is the catalog of a sandbox's tables, for Sandbox.Reflect.
func SandboxCatalog(defaultSchema string, tables []*catalog.Table) *catalog.Catalog {
	cat := catalog.New(defaultSchema)
	for _, t := range tables {
		cat.Add(t)
	}
	return cat
}

// CreateTableSQL is the CREATE TABLE statement of a sandbox table called
// name standing for t: the column types the database reported (type names
// come from the database's own catalog, identifiers are quoted), the
// primary key and the unique keys; no NOT NULL, defaults or foreign keys.
func CreateTableSQL(d *dialect.Dialect, name string, t *catalog.Table, typeOf func(*catalog.Column) string) string {
	var parts []string
	for _, c := range t.Columns {
		parts = append(parts, d.Ident(c.Name)+" "+typeOf(c))
	}
	keyList := func(cols []string) string {
		q := make([]string, len(cols))
		for i, c := range cols {
			q[i] = d.Ident(c)
		}
		return strings.Join(q, ", ")
	}
	if len(t.PrimaryKey) > 0 {
		parts = append(parts, "PRIMARY KEY ("+keyList(t.PrimaryKey)+")")
	}
	for _, u := range t.UniqueKeys {
		parts = append(parts, "UNIQUE ("+keyList(u)+")")
	}
	return "CREATE TABLE " + name + " (" + strings.Join(parts, ", ") + ")"
}

// InsertSQL is the INSERT of one row: each value is bound as text and cast
// to the column's type by the database.
func InsertSQL(d *dialect.Dialect, name string, t *catalog.Table, cols []string, vals []any, text string, typeOf func(*catalog.Column) string) (string, []any) {
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	var args []any
	for i, c := range cols {
		names[i] = d.Ident(c)
		col, _ := t.Column(c)
		if vals[i] == nil || col == nil {
			exprs[i] = "NULL"
			continue
		}
		args = append(args, vals[i])
		exprs[i] = "CAST(CAST(" + d.Placeholder(len(args)) + " AS " + text + ") AS " + typeOf(col) + ")"
	}
	if len(cols) == 0 {
		return "INSERT INTO " + name + " DEFAULT VALUES", nil
	}
	return "INSERT INTO " + name + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(exprs, ", ") + ")", args
}
