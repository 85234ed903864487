package mysql

import (
	"context"
	"database/sql"
	"strings"

	"github.com/assay-dev/assay/catalog"
)

// The catalog queries read the database the URL names (DATABASE()): on
// MySQL a database is what a schema is elsewhere, and unqualified table
// names resolve in it alone.
const (
	tablesSQL = `SELECT TABLE_NAME FROM information_schema.TABLES
WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VERSIONED')`

	columnsSQL = `SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE = 'YES', LOWER(DATA_TYPE), LOWER(COLUMN_TYPE),
	COALESCE(NUMERIC_PRECISION, 0), COALESCE(NUMERIC_SCALE, 0)
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?
ORDER BY TABLE_NAME, ORDINAL_POSITION`

	// A unique index over a prefix of a column (SUB_PART) does not make
	// the column unique and is left out.
	uniqueSQL = `SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME, SUB_PART IS NOT NULL
FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0
ORDER BY TABLE_NAME, INDEX_NAME <> 'PRIMARY', INDEX_NAME, SEQ_IN_INDEX`

	foreignSQL = `SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`

	// MariaDB's JSON is LONGTEXT with the check json_valid(`column`).
	jsonChecksSQL = `SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ? AND CHECK_CLAUSE LIKE 'json_valid(%'`
)

// Reflect reads the tables and views of the URL's database with their
// columns, primary keys, unique keys and foreign keys from
// information_schema.
func (b *Backend) Reflect(ctx context.Context) (*catalog.Catalog, error) {
	cat, err := b.reflect(ctx)
	if err != nil {
		return nil, b.errf("mysql: reflect: %w", err)
	}
	return cat, nil
}

func (b *Backend) reflect(ctx context.Context) (*catalog.Catalog, error) {
	tables := map[string]*catalog.Table{}
	err := b.each(ctx, tablesSQL, func(rows *sql.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		tables[name] = &catalog.Table{Schema: b.schema, Name: name}
		return nil
	})
	if err != nil {
		return nil, err
	}
	jsonCols := map[string]bool{} // table + "." + column
	if b.mariadb {
		err := b.each(ctx, jsonChecksSQL, func(rows *sql.Rows) error {
			var table, clause string
			if err := rows.Scan(&table, &clause); err != nil {
				return err
			}
			if col, ok := jsonValidColumn(clause); ok {
				jsonCols[table+"."+col] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	err = b.each(ctx, columnsSQL, func(rows *sql.Rows) error {
		var table, name, dataType, colType string
		var nullable bool
		var prec, scale int64
		if err := rows.Scan(&table, &name, &nullable, &dataType, &colType, &prec, &scale); err != nil {
			return err
		}
		if t := tables[table]; t != nil {
			typ := typeOf(dataType, colType, int(prec), int(scale))
			if typ.Kind == catalog.Text && jsonCols[table+"."+name] {
				typ.Kind = catalog.JSON
			}
			t.Columns = append(t.Columns, &catalog.Column{Name: name, Type: typ, Nullable: nullable})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := b.readUnique(ctx, tables); err != nil {
		return nil, err
	}
	if err := b.readForeign(ctx, tables); err != nil {
		return nil, err
	}
	cat := catalog.New(b.schema)
	for _, t := range tables {
		cat.Add(t)
	}
	return cat, nil
}

// each runs a catalog query bound to the database's name and calls f on
// every row.
func (b *Backend) each(ctx context.Context, query string, f func(*sql.Rows) error) error {
	rows, err := b.db.QueryContext(ctx, query, b.schema)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := f(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// readUnique fills primary keys and unique keys from the unique indexes.
func (b *Backend) readUnique(ctx context.Context, tables map[string]*catalog.Table) error {
	type key struct{ table, index string }
	var order []key
	cols := map[key][]string{}
	partial := map[key]bool{}
	err := b.each(ctx, uniqueSQL, func(rows *sql.Rows) error {
		var k key
		var col string
		var prefix bool
		if err := rows.Scan(&k.table, &k.index, &col, &prefix); err != nil {
			return err
		}
		if _, ok := cols[k]; !ok {
			order = append(order, k)
		}
		cols[k] = append(cols[k], col)
		partial[k] = partial[k] || prefix
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		t := tables[k.table]
		if t == nil || partial[k] {
			continue
		}
		if k.index == "PRIMARY" {
			t.PrimaryKey = cols[k]
		} else {
			t.AddUniqueKey(cols[k])
		}
	}
	return nil
}

// readForeign fills the foreign keys.
func (b *Backend) readForeign(ctx context.Context, tables map[string]*catalog.Table) error {
	type key struct{ table, name string }
	var order []key
	fks := map[key]*catalog.ForeignKey{}
	err := b.each(ctx, foreignSQL, func(rows *sql.Rows) error {
		var k key
		var col, refSchema, refTable, refCol string
		if err := rows.Scan(&k.table, &k.name, &col, &refSchema, &refTable, &refCol); err != nil {
			return err
		}
		fk := fks[k]
		if fk == nil {
			fk = &catalog.ForeignKey{Name: k.name, RefSchema: refSchema, RefTable: refTable}
			fks[k] = fk
			order = append(order, k)
		}
		fk.Columns = append(fk.Columns, col)
		fk.RefColumns = append(fk.RefColumns, refCol)
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range order {
		if t := tables[k.table]; t != nil {
			t.ForeignKeys = append(t.ForeignKeys, *fks[k])
		}
	}
	return nil
}

// jsonValidColumn returns the column of a check clause json_valid(`c`).
func jsonValidColumn(clause string) (string, bool) {
	inner, ok := strings.CutPrefix(clause, "json_valid(`")
	if !ok {
		return "", false
	}
	col, ok := strings.CutSuffix(inner, "`)")
	if !ok || strings.Contains(col, "`") {
		return "", false
	}
	return col, true
}

// typeOf maps a column's DATA_TYPE, COLUMN_TYPE (with its display width
// and UNSIGNED) and numeric precision and scale to a logical type. By
// MySQL's own convention, TINYINT(1) (what BOOLEAN is) is a boolean.
func typeOf(dataType, colType string, prec, scale int) catalog.Type {
	unsigned := strings.Contains(colType, "unsigned")
	t := catalog.Type{Native: colType}
	switch dataType {
	case "tinyint":
		t.Kind = catalog.Int16
		if strings.HasPrefix(colType, "tinyint(1)") {
			t.Kind = catalog.Bool
		}
	case "smallint":
		t.Kind = pick(unsigned, catalog.Int32, catalog.Int16)
	case "mediumint":
		t.Kind = catalog.Int32
	case "int", "integer":
		t.Kind = pick(unsigned, catalog.Int64, catalog.Int32)
	case "bigint":
		t.Kind = catalog.Int64
		if unsigned {
			t.Kind, t.Precision = catalog.Decimal, 20
		}
	case "year":
		t.Kind = catalog.Int16
	case "float":
		t.Kind = catalog.Float32
	case "double", "real":
		t.Kind = catalog.Float64
	case "decimal", "numeric":
		t.Kind, t.Precision, t.Scale = catalog.Decimal, prec, scale
	case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set":
		t.Kind = catalog.Text
	case "json":
		t.Kind = catalog.JSON
	case "date":
		t.Kind = catalog.Date
	case "datetime":
		t.Kind = catalog.Timestamp
	case "timestamp":
		t.Kind = catalog.TimestampTZ
	case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob":
		t.Kind = catalog.Bytes
	case "uuid":
		t.Kind = catalog.UUID
	}
	return t
}

func pick(cond bool, a, b catalog.Kind) catalog.Kind {
	if cond {
		return a
	}
	return b
}
