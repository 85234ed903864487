package enginetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
)

// testTypes reads every kind into the Arrow type the plan gives it, a row
// of values and a row of NULLs.
func (s *suite) testTypes(t *testing.T) {
	var cols []string
	var fields []any
	want := [][]string{{}, {}}
	for _, c := range s.kinds() {
		cols = append(cols, s.d.Ident(c.name))
		fields = append(fields, c.name, engine.ArrowType(c.typ))
		want[0] = append(want[0], c.shown)
		want[1] = append(want[1], "NULL")
	}
	q := engine.Query{SQL: "SELECT " + strings.Join(cols, ", ") + " FROM " + s.d.Ident("kinds") + " ORDER BY " + s.d.Ident("id"),
		Schema: schema(fields...)}
	res := s.query(t, context.Background(), q)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.rows) != 2 {
		t.Fatalf("%d rows, want 2", len(res.rows))
	}
	for r := range want {
		for i, c := range s.kinds() {
			if res.rows[r][i] != want[r][i] {
				t.Errorf("row %d: %s (%v) read as %q, want %q", r+1, c.name, c.typ, res.rows[r][i], want[r][i])
			}
		}
	}
}

// testConversions reads columns into other Arrow types than their own, as
// a plan's CASTs and undeclared decimals make backends do, and wants a
// clear error for a pair that does not convert.
func (s *suite) testConversions(t *testing.T) {
	id := s.d.Ident
	q := engine.Query{
		SQL: "SELECT " + strings.Join([]string{id("c_int16"), id("c_int32"), id("c_int64"), id("c_float32"), id("c_decimal"), id("c_date")}, ", ") +
			" FROM " + id("kinds") + " WHERE " + id("id") + " = 1",
		Schema: schema("int16_as_float", arrow.PrimitiveTypes.Float64, "int32_as_int64", arrow.PrimitiveTypes.Int64,
			"int64_as_decimal", &arrow.Decimal128Type{Precision: 20, Scale: 2}, "float32_as_float64", arrow.PrimitiveTypes.Float64,
			"decimal_as_float", arrow.PrimitiveTypes.Float64, "date_as_timestamp", &arrow.TimestampType{Unit: arrow.Microsecond}),
	}
	res := s.query(t, context.Background(), q)
	want := []string{"-12", "123456", "-9000000000", "1.5", "1234.567", "2025-01-31T00:00:00"}
	if res.err != nil || len(res.rows) != 1 || !slices.Equal(res.rows[0], want) {
		t.Errorf("converted: %v, %v; want %v", res.rows, res.err, want)
	}
	bad := engine.Query{SQL: "SELECT " + id("c_text") + " FROM " + id("kinds"), Schema: schema("c_text", arrow.PrimitiveTypes.Int64)}
	if res := s.query(t, context.Background(), bad); res.err == nil || !strings.Contains(res.err.Error(), "c_text") {
		t.Errorf("text read as int64: %v rows, error %v; want an error naming the column", res.rows, res.err)
	}
}

// bindCase is one bind value, the type it is cast to and how it reads back.
type bindCase struct {
	value any
	kind  catalog.Kind
	shown string
}

// bindCases has every kind of value engine.Query.Args may hold.
var bindCases = []bindCase{
	{nil, catalog.Int64, "NULL"},
	{true, catalog.Bool, "true"},
	{int64(-42), catalog.Int64, "-42"},
	{2.5, catalog.Float64, "2.5"},
	{"O'Hara\n\"ü\" \\", catalog.Text, "O'Hara\n\"ü\" \\"},
	{time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), catalog.Date, "2025-03-01"},
	{time.Date(2025, 3, 1, 12, 34, 56, 789000000, time.UTC), catalog.Timestamp, "2025-03-01T12:34:56.789"},
	{time.Date(2025, 3, 1, 12, 34, 56, 789000000, time.UTC), catalog.TimestampTZ, "2025-03-01T12:34:56.789Z"},
	{engine.Interval{Months: 1, Days: 2, Micros: 3_000_000}, catalog.Interval, `{"months":1,"days":2,"nanoseconds":3000000000}`},
}

// bindCases returns the bind cases of the kinds the target has.
func (s *suite) bindCases() []bindCase {
	var out []bindCase
	for _, c := range bindCases {
		if s.has(c.kind) {
			out = append(out, c)
		}
	}
	return out
}

// testBindValues sends every kind of bind value and reads it back, and
// uses bound values in a condition.
func (s *suite) testBindValues(t *testing.T) {
	var cols []string
	var fields []any
	var args []any
	cases := s.bindCases()
	for i, c := range cases {
		name := fmt.Sprintf("v%d", i)
		cols = append(cols, "CAST("+s.d.Placeholder(i+1)+" AS "+s.d.TypeName(catalog.Of(c.kind))+") AS "+s.d.Ident(name))
		fields = append(fields, name, engine.ArrowType(catalog.Of(c.kind)))
		args = append(args, c.value)
	}
	res := s.query(t, context.Background(), engine.Query{SQL: "SELECT " + strings.Join(cols, ", "), Args: args, Schema: schema(fields...)})
	if res.err != nil || len(res.rows) != 1 {
		t.Fatalf("%v rows, error %v", res.rows, res.err)
	}
	for i, c := range cases {
		if res.rows[0][i] != c.shown {
			t.Errorf("%T %v bound as %v read back as %q, want %q", c.value, c.value, c.kind, res.rows[0][i], c.shown)
		}
	}
	n := s.d.Ident("n")
	where := engine.Query{
		SQL:    "SELECT " + n + " FROM " + s.d.Ident("numbers") + " WHERE " + n + " > " + s.d.Placeholder(1) + " AND " + n + " <= " + s.d.Placeholder(2) + " ORDER BY " + n,
		Args:   []any{int64(20), int64(22)},
		Schema: schema("n", arrow.PrimitiveTypes.Int64),
	}
	if res := s.query(t, context.Background(), where); res.err != nil || fmt.Sprint(res.rows) != "[[21] [22]]" {
		t.Errorf("n > 20 and n <= 22: %v, %v", res.rows, res.err)
	}
}
