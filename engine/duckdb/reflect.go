//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
)

// defaultSchema is DuckDB's default schema.
const defaultSchema = "main"

// The catalog queries read the current database only (not attached ones)
// and skip internal and temporary objects.
const (
	tablesSQL = `SELECT schema_name, table_name FROM duckdb_tables()
		WHERE database_name = current_database() AND NOT internal AND NOT temporary
		UNION ALL
		SELECT schema_name, view_name FROM duckdb_views()
		WHERE database_name = current_database() AND NOT internal AND NOT temporary`

	columnsSQL = `SELECT schema_name, table_name, column_name, is_nullable, data_type
		FROM duckdb_columns()
		WHERE database_name = current_database() AND NOT internal
		ORDER BY schema_name, table_name, column_index`

	constraintsSQL = `SELECT schema_name, table_name, constraint_type, constraint_name,
			constraint_column_names, COALESCE(referenced_table, ''), referenced_column_names
		FROM duckdb_constraints()
		WHERE database_name = current_database()
		  AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
		ORDER BY schema_name, table_name, constraint_type <> 'PRIMARY KEY', constraint_index`
)

// Reflect reads the tables and views of the current database with their
// columns, primary keys, unique constraints and foreign keys. DuckDB allows
// foreign keys only within a schema, so RefSchema is the table's schema.
// Unique indexes that are not constraints are not reflected.
func (b *Backend) Reflect(ctx context.Context) (*catalog.Catalog, error) {
	tables, err := readTables(ctx, b.db)
	if err != nil {
		return nil, fmt.Errorf("duckdb: reflect tables: %w", err)
	}
	if err := readColumns(ctx, b.db, tables); err != nil {
		return nil, fmt.Errorf("duckdb: reflect columns: %w", err)
	}
	if err := readConstraints(ctx, b.db, tables); err != nil {
		return nil, fmt.Errorf("duckdb: reflect constraints: %w", err)
	}
	cat := catalog.New(defaultSchema)
	for _, t := range tables {
		cat.Add(t)
	}
	return cat, nil
}

// eachRow runs query and calls fn after scanning each row into dest.
func eachRow(ctx context.Context, db *sql.DB, query string, dest []any, fn func()) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		fn()
	}
	return rows.Err()
}

// readTables returns the tables and views keyed by catalog.Key.
func readTables(ctx context.Context, db *sql.DB) (map[string]*catalog.Table, error) {
	tables := map[string]*catalog.Table{}
	var schema, name string
	err := eachRow(ctx, db, tablesSQL, []any{&schema, &name}, func() {
		tables[catalog.Key(schema, name)] = &catalog.Table{Schema: schema, Name: name}
	})
	return tables, err
}

// readColumns appends the columns of every table in order.
func readColumns(ctx context.Context, db *sql.DB, tables map[string]*catalog.Table) error {
	var schema, table, name, typ string
	var nullable bool
	return eachRow(ctx, db, columnsSQL, []any{&schema, &table, &name, &nullable, &typ}, func() {
		if t := tables[catalog.Key(schema, table)]; t != nil {
			t.Columns = append(t.Columns, &catalog.Column{Name: name, Type: typeOf(typ), Nullable: nullable})
		}
	})
}

// readConstraints fills primary keys, unique constraints and foreign keys.
func readConstraints(ctx context.Context, db *sql.DB, tables map[string]*catalog.Table) error {
	var schema, table, kind, name, refTable string
	var cols, refCols []any
	dest := []any{&schema, &table, &kind, &name, &cols, &refTable, &refCols}
	var bad error
	err := eachRow(ctx, db, constraintsSQL, dest, func() {
		t := tables[catalog.Key(schema, table)]
		names, err1 := stringList(cols)
		refs, err2 := stringList(refCols)
		if bad = firstErr(bad, err1, err2); t == nil || bad != nil {
			return
		}
		addConstraint(t, kind, name, names, refTable, refs)
	})
	return firstErr(err, bad)
}

// addConstraint adds one constraint to t.
func addConstraint(t *catalog.Table, kind, name string, cols []string, refTable string, refCols []string) {
	switch kind {
	case "PRIMARY KEY":
		t.PrimaryKey = cols
	case "UNIQUE":
		t.AddUniqueKey(cols)
	case "FOREIGN KEY":
		t.ForeignKeys = append(t.ForeignKeys, catalog.ForeignKey{
			Name: name, Columns: cols, RefSchema: t.Schema, RefTable: refTable, RefColumns: refCols,
		})
	}
}

// stringList converts a scanned VARCHAR[] to a []string.
func stringList(list []any) ([]string, error) {
	out := make([]string, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("unexpected %T in a list of column names", v)
		}
		out[i] = s
	}
	return out, nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// kinds maps DuckDB type names, as duckdb_columns() and the driver print
// them, to logical kinds. Unsigned integers widen to the next signed kind.
// Types not listed are catalog.Unknown.
var kinds = map[string]catalog.Kind{
	"BOOLEAN":                  catalog.Bool,
	"TINYINT":                  catalog.Int16,
	"SMALLINT":                 catalog.Int16,
	"UTINYINT":                 catalog.Int16,
	"INTEGER":                  catalog.Int32,
	"USMALLINT":                catalog.Int32,
	"BIGINT":                   catalog.Int64,
	"UINTEGER":                 catalog.Int64,
	"FLOAT":                    catalog.Float32,
	"DOUBLE":                   catalog.Float64,
	"VARCHAR":                  catalog.Text,
	"DATE":                     catalog.Date,
	"TIMESTAMP":                catalog.Timestamp,
	"TIMESTAMP_S":              catalog.Timestamp,
	"TIMESTAMP_MS":             catalog.Timestamp,
	"TIMESTAMP_NS":             catalog.Timestamp,
	"TIMESTAMP WITH TIME ZONE": catalog.TimestampTZ,
	"TIMESTAMPTZ":              catalog.TimestampTZ,
	"INTERVAL":                 catalog.Interval,
	"UUID":                     catalog.UUID,
	"JSON":                     catalog.JSON,
	"BLOB":                     catalog.Bytes,
}

// wholeDecimals are integer types wider than int64, read as decimals.
var wholeDecimals = map[string]int{"HUGEINT": 38, "UBIGINT": 20}

// typeOf maps a DuckDB type name to a logical type.
func typeOf(name string) catalog.Type {
	upper := strings.ToUpper(strings.TrimSpace(name))
	t := catalog.Type{Kind: kinds[upper], Native: name}
	if p, ok := wholeDecimals[upper]; ok {
		t.Kind, t.Precision = catalog.Decimal, p
	}
	if p, s, ok := parseDecimal(upper); ok {
		t.Kind, t.Precision, t.Scale = catalog.Decimal, p, s
	}
	return t
}

// parseDecimal reads "DECIMAL(p,s)".
func parseDecimal(name string) (precision, scale int, ok bool) {
	args, found := strings.CutPrefix(name, "DECIMAL(")
	if !found || !strings.HasSuffix(args, ")") {
		return 0, 0, false
	}
	ps, ss, found := strings.Cut(strings.TrimSuffix(args, ")"), ",")
	if !found {
		return 0, 0, false
	}
	p, err1 := strconv.Atoi(strings.TrimSpace(ps))
	s, err2 := strconv.Atoi(strings.TrimSpace(ss))
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return p, s, true
}
