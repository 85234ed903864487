package enginetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/assay-dev/assay/catalog"
)

// column is one column of the kinds table: its name, its type, the SQL
// that writes the test value (in the target's dialect) and how Arrow's
// ValueStr prints that value in the column's result type (ISO times,
// intervals as JSON, bytes in base64).
type column struct {
	name  string
	typ   catalog.Type
	value string // SQL; %s is the type's name in the dialect
	shown string
}

// kindColumns has one column per portable kind.
var kindColumns = []column{
	{"c_bool", catalog.Of(catalog.Bool), "CAST('true' AS %s)", "true"},
	{"c_int16", catalog.Of(catalog.Int16), "CAST(-12 AS %s)", "-12"},
	{"c_int32", catalog.Of(catalog.Int32), "CAST(123456 AS %s)", "123456"},
	{"c_int64", catalog.Of(catalog.Int64), "CAST(-9000000000 AS %s)", "-9000000000"},
	{"c_float32", catalog.Of(catalog.Float32), "CAST(1.5 AS %s)", "1.5"},
	{"c_float64", catalog.Of(catalog.Float64), "CAST(-2.25 AS %s)", "-2.25"},
	{"c_decimal", catalog.Type{Kind: catalog.Decimal, Precision: 12, Scale: 3}, "CAST(1234.567 AS %s)", "1234.567"},
	{"c_text", catalog.Of(catalog.Text), "CAST('O''Hara ünïcode' AS %s)", "O'Hara ünïcode"},
	{"c_date", catalog.Of(catalog.Date), "CAST('2025-01-31' AS %s)", "2025-01-31"},
	{"c_timestamp", catalog.Of(catalog.Timestamp), "CAST('2025-01-31 13:14:15.123456' AS %s)", "2025-01-31T13:14:15.123456"},
	{"c_timestamptz", catalog.Of(catalog.TimestampTZ), "CAST('2025-01-31 13:14:15.123456+02' AS %s)", "2025-01-31T11:14:15.123456Z"},
	{"c_interval", catalog.Of(catalog.Interval), "CAST('1 month 2 days 3 hours' AS %s)", `{"months":1,"days":2,"nanoseconds":10800000000000}`},
	{"c_uuid", catalog.Of(catalog.UUID), "CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS %s)", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
	{"c_json", catalog.Of(catalog.JSON), `CAST('"a b"' AS %s)`, `"a b"`},
	{"c_bytes", catalog.Of(catalog.Bytes), "CAST('ab' AS %s)", "YWI="},
}

// rowCount is the number of rows of the numbers table; several of them
// joined together make results as long as a check needs.
const rowCount = 25

// kinds returns the columns of kindColumns the target has.
func (s *suite) kinds() []column {
	var out []column
	for _, c := range kindColumns {
		if s.has(c.typ.Kind) {
			out = append(out, c)
		}
	}
	return out
}

// setup is the DDL and data of the test database, in the target's dialect.
func (s *suite) setup() []string {
	id := s.d.Ident
	bigint, _ := s.columnType(catalog.Of(catalog.Int64))
	text, _ := s.columnType(catalog.Of(catalog.Text))
	cols := []string{id("id") + " " + bigint + " NOT NULL PRIMARY KEY",
		id("code") + " " + text + " UNIQUE"}
	names := []string{id("id"), id("code")}
	values := []string{"1", "'one'"}
	for _, c := range s.kinds() {
		ddl, value := s.d.TypeName(c.typ), fmt.Sprintf(c.value, s.d.TypeName(c.typ))
		if s.target.Column != nil {
			ddl, value, _ = s.target.Column(c.typ, c.shown)
			if value == "" {
				value = fmt.Sprintf(c.value, ddl)
			}
		}
		cols = append(cols, id(c.name)+" "+ddl)
		names = append(names, id(c.name))
		values = append(values, value)
	}
	var numbers []string
	for n := 1; n <= rowCount; n++ {
		numbers = append(numbers, fmt.Sprintf("(%d)", n))
	}
	return []string{
		"CREATE TABLE " + id("kinds") + " (" + strings.Join(cols, ", ") + ")",
		"CREATE TABLE " + id("orders") + " (" + id("id") + " " + bigint + " NOT NULL PRIMARY KEY, " +
			id("kind_id") + " " + bigint + " REFERENCES " + id("kinds") + " (" + id("id") + "))",
		"CREATE TABLE " + id("numbers") + " (" + id("n") + " " + bigint + " NOT NULL)",
		"INSERT INTO " + id("kinds") + " (" + strings.Join(names, ", ") + ") VALUES (" + strings.Join(values, ", ") + ")",
		"INSERT INTO " + id("kinds") + " (" + id("id") + ", " + id("code") + ") VALUES (2, 'two')",
		"INSERT INTO " + id("orders") + " VALUES (10, 1), (11, NULL)",
		"INSERT INTO " + id("numbers") + " VALUES " + strings.Join(numbers, ", "),
	}
}

// testReflect checks the kinds, keys and foreign key the backend reads.
func (s *suite) testReflect(t *testing.T) {
	cat, err := s.b.Reflect(context.Background())
	if err != nil {
		t.Fatalf("Reflect: %v", err)
	}
	kinds, ok := cat.Lookup("", "kinds")
	if !ok {
		t.Fatalf("table kinds not reflected; tables: %v", cat.TableNames())
	}
	for _, want := range s.kinds() {
		got, ok := kinds.Column(want.name)
		switch {
		case !ok:
			t.Errorf("column %s not reflected", want.name)
		case got.Type.Kind != want.typ.Kind || got.Type.Precision != want.typ.Precision || got.Type.Scale != want.typ.Scale:
			t.Errorf("column %s reflected as %v, want %v", want.name, got.Type, want.typ)
		case !got.Nullable:
			t.Errorf("column %s reflected as NOT NULL", want.name)
		}
	}
	if c, ok := kinds.Column("id"); !ok || c.Nullable {
		t.Errorf("column id: %+v, want NOT NULL", c)
	}
	if !slices.Equal(kinds.PrimaryKey, []string{"id"}) || !kinds.IsUnique([]string{"code"}) || kinds.IsUnique([]string{"c_text"}) {
		t.Errorf("kinds: primary key %v, unique keys %v; want [id] and [code]", kinds.PrimaryKey, kinds.UniqueKeys)
	}
	orders, ok := cat.Lookup("", "orders")
	if !ok {
		t.Fatal("table orders not reflected")
	}
	want := catalog.ForeignKey{Columns: []string{"kind_id"}, RefSchema: kinds.Schema, RefTable: "kinds", RefColumns: []string{"id"}}
	if len(orders.ForeignKeys) != 1 || !sameForeignKey(orders.ForeignKeys[0], want) {
		t.Errorf("orders: foreign keys %+v, want %+v", orders.ForeignKeys, want)
	}
}

// sameForeignKey compares foreign keys without their names, which each
// database makes up its own way.
func sameForeignKey(a, b catalog.ForeignKey) bool {
	return slices.Equal(a.Columns, b.Columns) && a.RefSchema == b.RefSchema && a.RefTable == b.RefTable &&
		slices.Equal(a.RefColumns, b.RefColumns)
}
