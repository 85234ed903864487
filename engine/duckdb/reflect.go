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

// catalogSQL reads the current database's catalog (not attached ones;
// temporary objects live in the temp database) in one statement: a row
// per column of every table and view (kind 0; internal ones skipped), in
// column order, then a row per primary key (kind 1), unique constraint and
// foreign key (kind 2). Every `assay run` pays for it before its query:
// the first statement of a process that enumerates catalog entries
// (duckdb_tables, duckdb_columns, duckdb_constraints, information_schema)
// costs about 10 ms whichever it is, each further one a millisecond or two
// more, so one statement instead of three (tables, columns, constraints)
// saves the further ones. Foreign keys come only from duckdb_constraints,
// so no reflection that has them avoids the first cost. Every table and
// view has at least one column, so the column rows name every table.
const catalogSQL = `SELECT 0 AS kind, schema_name, table_name, column_name AS name, is_nullable, data_type,
		column_index AS pos, []::VARCHAR[] AS cols, '' AS ref_table, []::VARCHAR[] AS ref_cols
	FROM duckdb_columns()
	WHERE database_name = current_database() AND NOT internal
	UNION ALL
	SELECT CASE constraint_type WHEN 'PRIMARY KEY' THEN 1 ELSE 2 END, schema_name, table_name,
		constraint_name, NULL, constraint_type, constraint_index, constraint_column_names,
		COALESCE(referenced_table, ''), referenced_column_names
	FROM duckdb_constraints()
	WHERE database_name = current_database()
	  AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
	ORDER BY kind, schema_name, table_name, pos`

// Reflect reads the tables and views of the current database with their
// columns, primary keys, unique constraints and foreign keys. DuckDB allows
// foreign keys only within a schema, so RefSchema is the table's schema.
// Unique indexes that are not constraints are not reflected.
func (b *Backend) Reflect(ctx context.Context) (*catalog.Catalog, error) {
	tables, err := readCatalog(ctx, b.db)
	if err != nil {
		return nil, fmt.Errorf("duckdb: reflect: %w", err)
	}
	cat := catalog.New(defaultSchema)
	for _, t := range tables {
		cat.Add(t)
	}
	return cat, nil
}

// readCatalog returns the tables and views keyed by catalog.Key, with
// their columns and keys.
func readCatalog(ctx context.Context, db *sql.DB) (map[string]*catalog.Table, error) {
	rows, err := db.QueryContext(ctx, catalogSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	tables := map[string]*catalog.Table{}
	var (
		kind                     int
		schema, table, name, typ string
		nullable                 sql.NullBool
		pos                      int64
		refTable                 string
		cols, refCols            []any
	)
	for rows.Next() {
		if err := rows.Scan(&kind, &schema, &table, &name, &nullable, &typ, &pos, &cols, &refTable, &refCols); err != nil {
			return nil, err
		}
		key := catalog.Key(schema, table)
		t := tables[key]
		if kind == 0 {
			if t == nil {
				t = &catalog.Table{Schema: schema, Name: table}
				tables[key] = t
			}
			t.Columns = append(t.Columns, &catalog.Column{Name: name, Type: typeOf(typ), Nullable: nullable.Bool})
			continue
		}
		if t == nil {
			continue
		}
		names, err := stringList(cols)
		if err != nil {
			return nil, err
		}
		refs, err := stringList(refCols)
		if err != nil {
			return nil, err
		}
		addConstraint(t, typ, name, names, refTable, refs)
	}
	return tables, rows.Err()
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
