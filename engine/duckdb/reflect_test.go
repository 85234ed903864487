//go:build !noduckdb

package duckdb

import (
	"context"
	"reflect"
	"testing"

	"github.com/assay-dev/assay/catalog"
)

// everySQL creates a table with a column of every supported type.
const everySQL = `CREATE TABLE every (
	id INTEGER PRIMARY KEY,
	b BOOLEAN, i1 TINYINT, i2 SMALLINT, i4 INTEGER NOT NULL DEFAULT 0, i8 BIGINT, hi HUGEINT,
	f4 FLOAT, f8 DOUBLE, n DECIMAL(12,3), nw DECIMAL(30,4), t VARCHAR,
	d DATE, ts TIMESTAMP, tstz TIMESTAMPTZ, iv INTERVAL, u UUID, j JSON, bl BLOB,
	tm TIME, l INTEGER[]
)`

func TestReflect(t *testing.T) {
	b, _ := memoryDB(t, everySQL,
		`CREATE TABLE parent (a INT, b INT, code VARCHAR UNIQUE, PRIMARY KEY (a, b), UNIQUE (b, a), UNIQUE (b, code))`,
		`CREATE TABLE child (id BIGINT PRIMARY KEY, pa INT, pb INT, FOREIGN KEY (pb, pa) REFERENCES parent (b, a))`,
		`CREATE VIEW v AS SELECT id, n FROM every`,
		`CREATE SCHEMA s2`,
		`CREATE TABLE s2.other (x INT PRIMARY KEY, y INT REFERENCES s2.other (x))`,
		`CREATE TEMP TABLE scratch (a INT)`,
	)
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cat.DefaultSchema != "main" {
		t.Errorf("DefaultSchema = %q", cat.DefaultSchema)
	}
	if want := []string{"child", "every", "parent", "v", "s2.other"}; !reflect.DeepEqual(cat.TableNames(), want) {
		t.Errorf("tables %v, want %v", cat.TableNames(), want)
	}
	every, _ := cat.Lookup("", "every")
	checkEvery(t, every)
	checkKeys(t, cat)
}

// checkEvery checks the type mapping, nullability and decimal parameters.
func checkEvery(t *testing.T, every *catalog.Table) {
	t.Helper()
	want := []catalog.Type{
		{Kind: catalog.Int32}, {Kind: catalog.Bool}, {Kind: catalog.Int16}, {Kind: catalog.Int16},
		{Kind: catalog.Int32}, {Kind: catalog.Int64}, {Kind: catalog.Decimal, Precision: 38},
		{Kind: catalog.Float32}, {Kind: catalog.Float64}, {Kind: catalog.Decimal, Precision: 12, Scale: 3},
		{Kind: catalog.Decimal, Precision: 30, Scale: 4}, {Kind: catalog.Text},
		{Kind: catalog.Date}, {Kind: catalog.Timestamp}, {Kind: catalog.TimestampTZ}, {Kind: catalog.Interval},
		{Kind: catalog.UUID}, {Kind: catalog.JSON}, {Kind: catalog.Bytes}, {Kind: catalog.Unknown}, {Kind: catalog.Unknown},
	}
	if len(every.Columns) != len(want) {
		t.Fatalf("every has %d columns, want %d", len(every.Columns), len(want))
	}
	for i, col := range every.Columns {
		got := col.Type
		got.Native = ""
		if got != want[i] {
			t.Errorf("column %s (%s): got %v, want %v", col.Name, col.Type.Native, got, want[i])
		}
	}
	if every.Columns[0].Nullable || every.Columns[4].Nullable || !every.Columns[1].Nullable {
		t.Error("nullability wrong")
	}
	if native := every.Columns[14].Type.Native; native != "TIMESTAMP WITH TIME ZONE" {
		t.Errorf("native name %q", native)
	}
}

// checkKeys checks primary, unique and foreign keys.
func checkKeys(t *testing.T, cat *catalog.Catalog) {
	t.Helper()
	parent, _ := cat.Lookup("", "parent")
	child, _ := cat.Lookup("", "child")
	other, _ := cat.Lookup("s2", "other")
	if !reflect.DeepEqual(parent.PrimaryKey, []string{"a", "b"}) {
		t.Errorf("parent primary key %v", parent.PrimaryKey)
	}
	// UNIQUE (b, a) repeats the primary key.
	if want := [][]string{{"code"}, {"b", "code"}}; !reflect.DeepEqual(parent.UniqueKeys, want) {
		t.Errorf("parent unique keys %v, want %v", parent.UniqueKeys, want)
	}
	want := []catalog.ForeignKey{{Name: "child_pb_pa_b_a_fkey", Columns: []string{"pb", "pa"},
		RefSchema: "main", RefTable: "parent", RefColumns: []string{"b", "a"}}}
	if !reflect.DeepEqual(child.ForeignKeys, want) {
		t.Errorf("child foreign keys %+v, want %+v", child.ForeignKeys, want)
	}
	if len(other.ForeignKeys) != 1 || other.ForeignKeys[0].RefSchema != "s2" || other.ForeignKeys[0].RefTable != "other" {
		t.Errorf("s2.other foreign keys %+v", other.ForeignKeys)
	}
	if !parent.IsUnique([]string{"code"}) || child.IsUnique([]string{"pa"}) {
		t.Error("IsUnique disagrees with the reflected keys")
	}
}
