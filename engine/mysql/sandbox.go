package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Sandbox is one session on one connection in which TEMPORARY tables
// shadow real ones: the place a report test runs on MySQL or MariaDB. A
// temporary table hides the base table of the same name in the same
// database from its session, for qualified and unqualified names alike,
// so the report's SQL reads the temporary tables.
//
// The backend's sessions are READ ONLY, which refuses CREATE TEMPORARY
// TABLE too; each of those statements alone runs after SET TRANSACTION
// READ WRITE (which lasts one transaction). Then one READ ONLY transaction
// is opened: the fixture rows are inserted into the temporary tables in
// it (MariaDB and MySQL allow writes to TEMPORARY tables in a read-only
// transaction, and refuse them to base tables) and the report runs in it.
// Close rolls it back and closes the connection, which drops the
// temporary tables. Nothing is written to a real table, so a user with
// only SELECT and CREATE TEMPORARY TABLES can run tests.
type Sandbox struct {
	b      *Backend
	conn   *sql.Conn
	tx     bool
	tables []*catalog.Table
	// collations are the collations of the real tables' text columns
	// (table name, then column), which the temporary columns keep so that
	// text compares and sorts as in the real tables.
	collations map[string]map[string]string
}

var _ engine.Sandbox = (*Sandbox)(nil)

// Sandbox opens a connection, creates a TEMPORARY table for each of tables
// (reflected from the backend's database) with the reflected column types
// and collations, primary key and unique keys, and starts the READ ONLY
// transaction.
func (b *Backend) Sandbox(ctx context.Context, tables []*catalog.Table) (engine.Sandbox, error) {
	conn, err := b.db.Conn(ctx)
	if err != nil {
		return nil, b.errf("mysql: sandbox: %w", err)
	}
	s := &Sandbox{b: b, conn: conn, tables: tables}
	if err := s.open(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Sandbox) open(ctx context.Context) error {
	d := dialect.MySQL
	// A value that does not fit a column is an error, whatever the
	// server's sql_mode: the connection is closed with the sandbox.
	if _, err := s.conn.ExecContext(ctx, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')"); err != nil {
		return s.b.errf("mysql: sandbox: %w", err)
	}
	if err := s.readCollations(ctx); err != nil {
		return s.b.errf("mysql: sandbox: %w", err)
	}
	seen := map[string]bool{}
	for _, t := range s.tables {
		if t.Schema != s.b.schema || seen[t.Name] {
			return fmt.Errorf("mysql: sandbox: table %s.%s is not one of the database's own: %w", t.Schema, t.Name, engine.ErrNotShadowed)
		}
		seen[t.Name] = true
		stmt := engine.CreateTableSQL(d, s.name(t), t, func(c *catalog.Column) string { return s.columnType(t, c) })
		stmt = strings.Replace(stmt, "CREATE TABLE", "CREATE TEMPORARY TABLE", 1)
		// SET TRANSACTION (without SESSION) applies to the next
		// transaction only: the CREATE's own, which commits at once.
		if _, err := s.conn.ExecContext(ctx, "SET TRANSACTION READ WRITE"); err != nil {
			return s.b.errf("mysql: sandbox: %w", err)
		}
		if _, err := s.conn.ExecContext(ctx, stmt); err != nil {
			return s.b.errf("mysql: sandbox table %s: %w", t.Name, err)
		}
	}
	if _, err := s.conn.ExecContext(ctx, "START TRANSACTION READ ONLY"); err != nil {
		return s.b.errf("mysql: sandbox: %w", err)
	}
	s.tx = true
	return nil
}

// readCollations reads the collations of the text columns of the tables.
func (s *Sandbox) readCollations(ctx context.Context) error {
	s.collations = map[string]map[string]string{}
	if len(s.tables) == 0 {
		return nil
	}
	names := make([]any, 0, len(s.tables)+1)
	names = append(names, s.b.schema)
	marks := make([]string, len(s.tables))
	for i, t := range s.tables {
		names = append(names, t.Name)
		marks[i] = "?"
	}
	rows, err := s.conn.QueryContext(ctx, `SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = ? AND COLLATION_NAME IS NOT NULL AND TABLE_NAME IN (`+strings.Join(marks, ", ")+`)`, names...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, col, coll string
		if err := rows.Scan(&table, &col, &coll); err != nil {
			return err
		}
		if s.collations[table] == nil {
			s.collations[table] = map[string]string{}
		}
		s.collations[table][col] = coll
	}
	return rows.Err()
}

// name is the quoted, database-qualified name of t (and of the temporary
// table that shadows it).
func (s *Sandbox) name(t *catalog.Table) string {
	return dialect.MySQL.Ident(t.Schema) + "." + dialect.MySQL.Ident(t.Name)
}

// columnType is the column's type as information_schema's COLUMN_TYPE
// gave it, with its collation, and NULL: a fixture gives only the columns
// that matter (and a TIMESTAMP column is not made NOT NULL with a default
// where explicit_defaults_for_timestamp is off). A collation name is a
// word of letters, digits and underscores; anything else is left out.
func (s *Sandbox) columnType(t *catalog.Table, c *catalog.Column) string {
	typ := c.Type.Native
	if typ == "" {
		typ = "longtext"
	}
	if coll := s.collations[t.Name][c.Name]; coll != "" && strings.Trim(coll, "abcdefghijklmnopqrstuvwxyz0123456789_") == "" {
		typ += " COLLATE " + coll
	}
	return typ + " NULL"
}

// Dialect returns dialect.MySQL.
func (s *Sandbox) Dialect() *dialect.Dialect { return dialect.MySQL }

// Reflect returns the catalog of the shadowed tables.
func (s *Sandbox) Reflect(context.Context) (*catalog.Catalog, error) {
	return engine.SandboxCatalog(s.b.schema, s.tables), nil
}

// Insert adds one row to the temporary table standing for t; see
// engine.Sandbox. Each value is bound as text, which the server converts
// to the column's type (strictly: a value that does not fit is an error);
// a boolean is written 1 or 0 and an instant in UTC, the session's zone,
// as MySQL reads no offset in a timestamp.
func (s *Sandbox) Insert(ctx context.Context, t *catalog.Table, cols []string, vals []any) error {
	if !s.tx {
		return fmt.Errorf("mysql: sandbox is closed")
	}
	d := dialect.MySQL
	names := make([]string, len(cols))
	marks := make([]string, len(cols))
	var args []any
	for i, c := range cols {
		names[i] = d.Ident(c)
		col, _ := t.Column(c)
		if vals[i] == nil || col == nil {
			marks[i] = "NULL"
			continue
		}
		v, err := sandboxValue(col, vals[i])
		if err != nil {
			return fmt.Errorf("mysql: column %s: %w", c, err)
		}
		args = append(args, v)
		marks[i] = "?"
	}
	stmt := "INSERT INTO " + s.name(t) + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
	if len(cols) == 0 {
		stmt = "INSERT INTO " + s.name(t) + " () VALUES ()"
	}
	// A refused row is undone by itself; the transaction goes on.
	if _, err := s.conn.ExecContext(ctx, stmt, args...); err != nil {
		return s.b.errf("mysql: %w", err)
	}
	return nil
}

// sandboxValue is the text MySQL reads for a fixture value of the column.
func sandboxValue(c *catalog.Column, v any) (any, error) {
	text, ok := v.(string)
	if !ok {
		return v, nil
	}
	switch c.Type.Kind {
	case catalog.Bool:
		switch strings.ToLower(text) {
		case "true", "t", "1":
			return "1", nil
		case "false", "f", "0":
			return "0", nil
		}
		return nil, fmt.Errorf("%q is not true or false", text)
	case catalog.TimestampTZ:
		for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999Z07", time.RFC3339Nano} {
			if at, err := time.Parse(layout, text); err == nil {
				return at.UTC().Format("2006-01-02 15:04:05.999999"), nil
			}
		}
		return nil, fmt.Errorf("%q is not a timestamp with an offset", text)
	}
	return text, nil
}

// Query runs q on the sandbox's connection, in its READ ONLY transaction
// (see Backend.Query).
func (s *Sandbox) Query(ctx context.Context, q engine.Query) (array.RecordReader, error) {
	if !s.tx {
		return nil, fmt.Errorf("mysql: sandbox is closed")
	}
	return s.b.query(ctx, q, s.conn)
}

// Close rolls the transaction back and closes the connection (never
// giving it back to the pool), which drops the temporary tables. A second
// Close does nothing.
func (s *Sandbox) Close() error {
	if s.conn == nil {
		return nil
	}
	if s.tx {
		ctx, cancel := context.WithTimeout(context.Background(), endTimeout)
		_, _ = s.conn.ExecContext(ctx, "ROLLBACK")
		cancel()
		s.tx = false
	}
	_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	_ = s.conn.Close()
	s.conn = nil
	return nil
}
