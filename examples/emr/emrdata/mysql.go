package emrdata

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// mysqlInsertRows is the number of rows of one INSERT statement.
const mysqlInsertRows = 500

// MySQLDDL returns the schema in MySQL/MariaDB's spelling: text is
// VARCHAR(255) in the binary utf8mb4_bin collation (so that grouping,
// comparison and order are by code point, as on PostgreSQL with COLLATE
// "C" and on DuckDB), numeric(p,2) is DECIMAL(p,2) and timestamptz is
// TIMESTAMP(6), which MySQL stores as an instant. InnoDB tables.
func MySQLDDL() []string {
	stmts := make([]string, len(schema))
	for i, t := range schema {
		cols := make([]string, len(t.columns))
		for j, c := range t.columns {
			cols[j] = mysqlColumn(c)
		}
		stmts[i] = "CREATE TABLE `" + t.name + "` (\n    " + strings.Join(cols, ",\n    ") + "\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
	}
	return stmts
}

// mysqlColumn renders a column in MySQL's DDL.
func mysqlColumn(c column) string {
	typ := c.typ
	switch {
	case typ == "integer":
		typ = "INT"
	case typ == "text":
		typ = "VARCHAR(255) COLLATE utf8mb4_bin"
	case typ == "date":
		typ = "DATE"
	case typ == "timestamptz":
		typ = "TIMESTAMP(6) NULL"
	case c.width > 0:
		typ = fmt.Sprintf("DECIMAL(%d, 2)", c.width)
	}
	parts := []string{"`" + c.name + "`", typ}
	switch {
	case c.primaryKey:
		parts = append(parts, "PRIMARY KEY")
	case c.notNull:
		parts = append(parts, "NOT NULL")
	}
	if c.unique {
		parts = append(parts, "UNIQUE")
	}
	if c.references != "" {
		table, col, _ := strings.Cut(c.references, " ")
		parts = append(parts, "REFERENCES `"+table+"` "+strings.ReplaceAll(strings.ReplaceAll(col, "(", "(`"), ")", "`)"))
	}
	return strings.Join(parts, " ")
}

// LoadMySQL creates the data set's tables in the current database of conn
// (a session with write access, whose time_zone the loader sets to UTC)
// and fills them with multi-row INSERTs of bound values in one
// transaction. MySQL commits DDL at once, so on error the tables are
// dropped again. The tables must not exist yet.
func LoadMySQL(ctx context.Context, conn *sql.Conn, opts Options) (Stats, error) {
	opts, err := opts.normalized()
	if err != nil {
		return Stats{}, err
	}
	if _, err := conn.ExecContext(ctx, "SET SESSION time_zone = '+00:00'"); err != nil {
		return Stats{}, fmt.Errorf("emrdata: mysql: %w", err)
	}
	var created []string
	drop := func() error {
		var errs []error
		for i := len(created) - 1; i >= 0; i-- {
			if _, err := conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS `"+created[i]+"`"); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}
	for i, stmt := range MySQLDDL() {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return Stats{}, errors.Join(fmt.Errorf("emrdata: mysql: create table: %w", err), drop())
		}
		created = append(created, schema[i].name)
	}
	stats, err := fillMySQL(ctx, conn, newWorld(opts))
	if err != nil {
		return Stats{}, errors.Join(err, drop())
	}
	return stats, nil
}

// fillMySQL inserts every table's rows in one transaction.
func fillMySQL(ctx context.Context, conn *sql.Conn, w *world) (Stats, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return Stats{}, fmt.Errorf("emrdata: mysql: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	stats := newStats()
	for _, t := range w.tables() {
		n, err := insertMySQL(ctx, tx, t)
		if err != nil {
			return Stats{}, fmt.Errorf("emrdata: mysql: insert into %s: %w", t.def.name, err)
		}
		stats.Rows[t.def.name] = n
	}
	if err := tx.Commit(); err != nil {
		return Stats{}, fmt.Errorf("emrdata: mysql: commit: %w", err)
	}
	return stats, nil
}

// insertMySQL inserts one table's rows, mysqlInsertRows at a time.
func insertMySQL(ctx context.Context, tx *sql.Tx, t tableRows) (int64, error) {
	names := t.def.columnNames()
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", ") + ")"
	head := "INSERT INTO `" + t.def.name + "` (`" + strings.Join(names, "`, `") + "`) VALUES "
	var args []any
	rows, total := 0, int64(0)
	flush := func() error {
		if rows == 0 {
			return nil
		}
		stmt := head + strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
		if _, err := tx.ExecContext(ctx, stmt, args...); err != nil {
			return err
		}
		total += int64(rows)
		args, rows = args[:0], 0
		return nil
	}
	for r := range t.rows {
		for _, v := range r {
			if f, ok := v.(fixed2); ok {
				v = f.String() // exact: DECIMAL parses the text
			}
			args = append(args, v)
		}
		if rows++; rows == mysqlInsertRows {
			if err := flush(); err != nil {
				return total, err
			}
		}
	}
	return total, flush()
}
