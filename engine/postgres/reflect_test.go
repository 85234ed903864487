package postgres

import (
	"context"
	"reflect"
	"testing"

	"github.com/assay-dev/assay/catalog"
)

// everySQL creates a table with a column of every supported type.
const everySQL = `CREATE TABLE {s}.every (
	id int4 PRIMARY KEY,
	b bool, i2 int2, i4 int4 NOT NULL DEFAULT 0, i8 int8, f4 float4, f8 float8,
	n numeric(12,3), nu numeric, t text, vc varchar(10), bc char(3),
	d date, ts timestamp, tstz timestamptz, iv interval, u uuid,
	j json, jb jsonb, by bytea, other inet
)`

func TestReflect(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, everySQL,
		`CREATE DOMAIN {s}.money2 AS numeric(10,2) NOT NULL`,
		`CREATE TABLE {s}.parent (a int, b int, code text UNIQUE, alt int, PRIMARY KEY (a, b), UNIQUE (b, a))`,
		`CREATE UNIQUE INDEX ON {s}.parent (alt)`,
		`CREATE UNIQUE INDEX ON {s}.parent (lower(code))`,
		`CREATE TABLE {s}.child (id bigserial PRIMARY KEY, pa int, pb int, amount {s}.money2,
			FOREIGN KEY (pb, pa) REFERENCES {s}.parent (b, a))`,
		`CREATE VIEW {s}.v AS SELECT id, amount FROM {s}.child`,
	)
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cat.DefaultSchema != "public" {
		t.Errorf("DefaultSchema = %q", cat.DefaultSchema)
	}
	every, ok := cat.Lookup(s, "every")
	if !ok {
		t.Fatalf("table %s.every not found in %v", s, cat.TableNames())
	}
	wantKinds := []catalog.Kind{
		catalog.Int32, catalog.Bool, catalog.Int16, catalog.Int32, catalog.Int64, catalog.Float32, catalog.Float64,
		catalog.Decimal, catalog.Decimal, catalog.Text, catalog.Text, catalog.Text,
		catalog.Date, catalog.Timestamp, catalog.TimestampTZ, catalog.Interval, catalog.UUID,
		catalog.JSON, catalog.JSON, catalog.Bytes, catalog.Unknown,
	}
	if len(every.Columns) != len(wantKinds) {
		t.Fatalf("every has %d columns, want %d", len(every.Columns), len(wantKinds))
	}
	for i, col := range every.Columns {
		if col.Type.Kind != wantKinds[i] {
			t.Errorf("column %s: kind %s, want %s", col.Name, col.Type.Kind, wantKinds[i])
		}
	}
	checkEveryDetails(t, every)
	checkKeys(t, cat, s)
}

// checkEveryDetails checks nullability, decimal parameters and native names.
func checkEveryDetails(t *testing.T, every *catalog.Table) {
	t.Helper()
	col := func(name string) *catalog.Column {
		c, ok := every.Column(name)
		if !ok {
			t.Fatalf("no column %s", name)
		}
		return c
	}
	if col("id").Nullable || col("i4").Nullable || !col("b").Nullable {
		t.Error("nullability wrong")
	}
	if n := col("n").Type; n.Precision != 12 || n.Scale != 3 {
		t.Errorf("numeric(12,3) reflected as %v", n)
	}
	if n := col("nu").Type; n.Precision != 0 || n.Scale != 0 {
		t.Errorf("bare numeric reflected as %v", n)
	}
	if o := col("other").Type; o.Native != "inet" {
		t.Errorf("inet reflected as %v", o)
	}
	if got := col("tstz").Type.Native; got != "timestamp with time zone" {
		t.Errorf("native name %q", got)
	}
	if !reflect.DeepEqual(every.PrimaryKey, []string{"id"}) {
		t.Errorf("every primary key %v", every.PrimaryKey)
	}
}

// checkKeys checks keys, unique indexes, foreign keys, domains and views.
func checkKeys(t *testing.T, cat *catalog.Catalog, s string) {
	t.Helper()
	parent, _ := cat.Lookup(s, "parent")
	child, _ := cat.Lookup(s, "child")
	view, _ := cat.Lookup(s, "v")
	if parent == nil || child == nil || view == nil {
		t.Fatalf("missing tables: %v", cat.TableNames())
	}
	if !reflect.DeepEqual(parent.PrimaryKey, []string{"a", "b"}) {
		t.Errorf("parent primary key %v", parent.PrimaryKey)
	}
	// UNIQUE (b, a) repeats the primary key; the expression index is no key.
	if want := [][]string{{"code"}, {"alt"}}; !reflect.DeepEqual(parent.UniqueKeys, want) {
		t.Errorf("parent unique keys %v, want %v", parent.UniqueKeys, want)
	}
	want := []catalog.ForeignKey{{Name: "child_pb_pa_fkey", Columns: []string{"pb", "pa"},
		RefSchema: s, RefTable: "parent", RefColumns: []string{"b", "a"}}}
	if !reflect.DeepEqual(child.ForeignKeys, want) {
		t.Errorf("child foreign keys %+v, want %+v", child.ForeignKeys, want)
	}
	amount, _ := child.Column("amount")
	if amount.Type.Kind != catalog.Decimal || amount.Type.Precision != 10 || amount.Type.Scale != 2 || amount.Nullable {
		t.Errorf("domain column reflected as %v nullable=%v", amount.Type, amount.Nullable)
	}
	if len(view.Columns) != 2 || view.Columns[1].Type.Kind != catalog.Decimal || len(view.PrimaryKey) != 0 {
		t.Errorf("view reflected as %s", view)
	}
}
