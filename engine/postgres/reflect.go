package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/catalog"
)

// relations selects the tables, views, materialized views, partitioned and
// foreign tables of every schema that is not a system schema. Partitions
// are left out: their parent stands for them.
const relations = `WITH rels AS (
	SELECT c.oid, n.nspname::text AS schema, c.relname::text AS name
	FROM pg_catalog.pg_class c
	JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f')
	  AND NOT c.relispartition
	  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	  AND n.nspname NOT LIKE 'pg\_toast%'
	  AND n.nspname NOT LIKE 'pg\_temp\_%'
)
`

const tablesSQL = relations + `SELECT oid, schema, name FROM rels`

// columnsSQL resolves a domain to its base type, keeping the domain's
// display name and its NOT NULL.
const columnsSQL = relations + `SELECT a.attrelid, a.attname::text,
	a.attnotnull OR t.typnotnull,
	COALESCE(bt.typname, t.typname)::text,
	CASE WHEN t.typtype = 'd' AND a.atttypmod < 0 THEN t.typtypmod ELSE a.atttypmod END,
	pg_catalog.format_type(a.atttypid, a.atttypmod)
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
WHERE a.attrelid IN (SELECT oid FROM rels) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

// keyColumns lists the names of the columns numbered by the array expr of
// relation rel, in array order.
func keyColumns(expr, rel, filter string) string {
	return `ARRAY(SELECT a.attname::text FROM unnest(` + expr + `) WITH ORDINALITY AS k(num, ord)
		JOIN pg_catalog.pg_attribute a ON a.attrelid = ` + rel + ` AND a.attnum = k.num` + filter + `
		ORDER BY k.ord)`
}

var constraintsSQL = relations + `SELECT con.conrelid, con.contype::text, con.conname::text,
	` + keyColumns("con.conkey", "con.conrelid", "") + `,
	COALESCE(rn.nspname::text, ''), COALESCE(rc.relname::text, ''),
	` + keyColumns("con.confkey", "con.confrelid", "") + `
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'f') AND con.conrelid IN (SELECT oid FROM rels)
ORDER BY con.conrelid, con.contype <> 'p', con.conname`

// uniqueIndexesSQL finds unique indexes over plain columns that do not back
// a constraint (those come from constraintsSQL). Partial and expression
// indexes do not make a set of columns unique and are left out.
var uniqueIndexesSQL = relations + `SELECT i.indrelid,
	` + keyColumns("i.indkey::int2[]", "i.indrelid", " WHERE k.ord <= i.indnkeyatts") + `
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE i.indisunique AND NOT i.indisprimary AND i.indisvalid
  AND i.indpred IS NULL AND i.indexprs IS NULL
  AND i.indrelid IN (SELECT oid FROM rels)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid)
ORDER BY i.indrelid, ic.relname`

// searchPathSQL returns the schemas the connection's search_path resolves
// to (existing ones only, implicit ones left out) and the setting as
// written.
const searchPathSQL = `SELECT pg_catalog.current_schemas(false)::text[], pg_catalog.current_setting('search_path')`

// ErrNoSearchPath reports a search_path that names no existing schema, so
// that no unqualified table name can resolve.
var ErrNoSearchPath = errors.New("the search_path names no existing schema")

// Reflect reads every table and view outside the system schemas with their
// columns, primary keys, unique constraints and indexes and foreign keys.
// It runs one catalog query per kind of object in a read-only, repeatable
// read transaction, so that all of them see the same catalog.
func (b *Backend) Reflect(ctx context.Context) (*catalog.Catalog, error) {
	tx, err := b.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, b.errf("postgres: reflect: %w", err)
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	cat, err := reflectIn(ctx, tx)
	if err != nil {
		return nil, b.errf("postgres: reflect: %w", err)
	}
	return cat, nil
}

// reflectIn runs the catalog queries in tx. Unqualified names resolve
// through the connection's search path, as they do when a query runs.
func reflectIn(ctx context.Context, tx pgx.Tx) (*catalog.Catalog, error) {
	var path []string
	var setting string
	if err := tx.QueryRow(ctx, searchPathSQL).Scan(&path, &setting); err != nil {
		return nil, err
	}
	if len(path) == 0 {
		return nil, fmt.Errorf("%w (search_path = %s)", ErrNoSearchPath, setting)
	}
	tables, err := readTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, step := range []func(context.Context, pgx.Tx, map[uint32]*catalog.Table) error{
		readColumns, readConstraints, readUniqueIndexes,
	} {
		if err := step(ctx, tx, tables); err != nil {
			return nil, err
		}
	}
	cat := catalog.New(path[0])
	cat.SearchPath = path
	for _, t := range tables {
		cat.Add(t)
	}
	return cat, nil
}

// readTables returns the relations keyed by their oid.
func readTables(ctx context.Context, tx pgx.Tx) (map[uint32]*catalog.Table, error) {
	rows, err := tx.Query(ctx, tablesSQL)
	if err != nil {
		return nil, err
	}
	tables := map[uint32]*catalog.Table{}
	var oid uint32
	var schema, name string
	_, err = pgx.ForEachRow(rows, []any{&oid, &schema, &name}, func() error {
		tables[oid] = &catalog.Table{Schema: schema, Name: name}
		return nil
	})
	return tables, err
}

// readColumns appends the columns of every table in ordinal order.
func readColumns(ctx context.Context, tx pgx.Tx, tables map[uint32]*catalog.Table) error {
	rows, err := tx.Query(ctx, columnsSQL)
	if err != nil {
		return err
	}
	var (
		oid                  uint32
		name, typname, displ string
		notNull              bool
		typmod               int32
	)
	_, err = pgx.ForEachRow(rows, []any{&oid, &name, &notNull, &typname, &typmod, &displ}, func() error {
		if t := tables[oid]; t != nil {
			t.Columns = append(t.Columns, &catalog.Column{
				Name: name, Type: typeOf(typname, typmod, displ), Nullable: !notNull,
			})
		}
		return nil
	})
	return err
}

// readConstraints fills primary keys, unique constraints and foreign keys.
func readConstraints(ctx context.Context, tx pgx.Tx, tables map[uint32]*catalog.Table) error {
	rows, err := tx.Query(ctx, constraintsSQL)
	if err != nil {
		return err
	}
	var (
		oid                          uint32
		kind, name, refSchema, refTb string
		cols, refCols                []string
	)
	scan := []any{&oid, &kind, &name, &cols, &refSchema, &refTb, &refCols}
	_, err = pgx.ForEachRow(rows, scan, func() error {
		t := tables[oid]
		if t == nil {
			return nil
		}
		switch kind {
		case "p":
			t.PrimaryKey = slices.Clone(cols)
		case "u":
			t.AddUniqueKey(cols)
		case "f":
			t.ForeignKeys = append(t.ForeignKeys, catalog.ForeignKey{
				Name: name, Columns: slices.Clone(cols),
				RefSchema: refSchema, RefTable: refTb, RefColumns: slices.Clone(refCols),
			})
		}
		return nil
	})
	return err
}

// readUniqueIndexes adds unique indexes that are not constraints as unique keys.
func readUniqueIndexes(ctx context.Context, tx pgx.Tx, tables map[uint32]*catalog.Table) error {
	rows, err := tx.Query(ctx, uniqueIndexesSQL)
	if err != nil {
		return err
	}
	var oid uint32
	var cols []string
	_, err = pgx.ForEachRow(rows, []any{&oid, &cols}, func() error {
		if t := tables[oid]; t != nil {
			t.AddUniqueKey(cols)
		}
		return nil
	})
	return err
}

// kinds maps PostgreSQL type names (pg_type.typname) to logical kinds.
// Types not listed are catalog.Unknown.
var kinds = map[string]catalog.Kind{
	"bool":        catalog.Bool,
	"int2":        catalog.Int16,
	"int4":        catalog.Int32,
	"int8":        catalog.Int64,
	"float4":      catalog.Float32,
	"float8":      catalog.Float64,
	"numeric":     catalog.Decimal,
	"text":        catalog.Text,
	"varchar":     catalog.Text,
	"bpchar":      catalog.Text,
	"date":        catalog.Date,
	"timestamp":   catalog.Timestamp,
	"timestamptz": catalog.TimestampTZ,
	"interval":    catalog.Interval,
	"uuid":        catalog.UUID,
	"json":        catalog.JSON,
	"jsonb":       catalog.JSON,
	"bytea":       catalog.Bytes,
}

// typeOf maps a PostgreSQL type, given by its name, its type modifier
// (pg_attribute.atttypmod, -1 when none) and its display name, to a
// logical type.
func typeOf(typname string, typmod int32, native string) catalog.Type {
	t := catalog.Type{Kind: kinds[typname], Native: native}
	if t.Kind == catalog.Decimal {
		t.Precision, t.Scale = numericTypmod(typmod)
	}
	return t
}

// numericTypmod decodes the precision and scale of numeric(p,s) from its
// type modifier; both are 0 for an undeclared numeric. The scale is an
// 11-bit signed field (PostgreSQL 15 allows negative scales).
func numericTypmod(typmod int32) (precision, scale int) {
	if typmod < 4 {
		return 0, 0
	}
	v := typmod - 4
	precision = int(v>>16) & 0xffff
	scale = int(v & 0x7ff)
	if scale&0x400 != 0 {
		scale -= 0x800
	}
	return precision, scale
}
