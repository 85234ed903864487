package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// schemaOf builds the result schema of a reflected table as the compiler
// would: one field per column, of engine.ArrowType of its type.
func schemaOf(t testing.TB, b *Backend, schema, table string) *arrow.Schema {
	t.Helper()
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tb, ok := cat.Lookup(schema, table)
	if !ok {
		t.Fatalf("no table %s.%s", schema, table)
	}
	fields := make([]arrow.Field, len(tb.Columns))
	for i, c := range tb.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: engine.ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// readAll reads every batch of r, returning the formatted values of each
// row and the batch sizes.
func readAll(t *testing.T, r array.RecordReader) ([][]string, []int64) {
	t.Helper()
	var rows [][]string
	var sizes []int64
	for r.Next() {
		rec := r.RecordBatch()
		sizes = append(sizes, rec.NumRows())
		for i := 0; i < int(rec.NumRows()); i++ {
			row := make([]string, rec.NumCols())
			for j, col := range rec.Columns() {
				row[j] = col.ValueStr(i)
			}
			rows = append(rows, row)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatalf("reader: %v", err)
	}
	return rows, sizes
}

func TestQueryEveryType(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, everySQL, `INSERT INTO {s}.every VALUES
		(1, true, -32768, 2147483647, -9223372036854775808, 1.5, -2.25,
		 123456789.123, 3.14159265358979, 'héllo', 'abc', 'ab', '2024-02-29',
		 '2024-02-29 13:14:15.123456', '2024-02-29 13:14:15.5+02',
		 '1 mon 2 days 00:00:03.000004', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
		 '{"a": 1}', '{"b": [1, 2]}', '\x0102ff', '192.168.0.1/24'),
		(2, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
		(3, false, 0, -1, 0, 'NaN', '-Infinity', -0.5, -12345678901234567890.0000000005, '', '', '',
		 '1969-12-31', '1900-01-01 00:00:00', '1970-01-01 00:00:00+00',
		 '-1 mon', '00000000-0000-0000-0000-000000000000', '[]', 'null', '', '::1')`)
	schema := schemaOf(t, b, s, "every")
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL:    `SELECT * FROM "` + s + `".every ORDER BY id`,
		Schema: schema, Alloc: mem,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	rows, _ := readAll(t, r)
	want := [][]string{
		{"1", "true", "-32768", "2147483647", "-9223372036854775808", "1.5", "-2.25",
			"123456789.123", "3.141592654", "héllo", "abc", "ab", "2024-02-29", // char(3) without its pad
			"2024-02-29T13:14:15.123456", "2024-02-29T11:14:15.5Z",
			`{"months":1,"days":2,"nanoseconds":3000004000}`, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
			`{"a": 1}`, `{"b": [1, 2]}`, "AQL/", "192.168.0.1/24"},
		{"2", "(null)", "(null)", "0", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)",
			"(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)"},
		{"3", "false", "0", "-1", "0", "NaN", "-Inf", "-0.5", "-12345678901234567890.000000001", "", "", "",
			"1969-12-31", "1900-01-01T00:00:00", "1970-01-01T00:00:00Z",
			`{"months":-1,"days":0,"nanoseconds":0}`, "00000000-0000-0000-0000-000000000000",
			"[]", "null", "", "::1"},
	}
	compareRows(t, rows, want, schema)
}

// compareRows reports every cell that differs from want.
func compareRows(t *testing.T, got, want [][]string, schema *arrow.Schema) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("row %d column %s (%s): got %q, want %q",
					i, schema.Field(j).Name, schema.Field(j).Type, got[i][j], want[i][j])
			}
		}
	}
}

// int64Schema is a one-column schema of Int64.
func int64Schema(name string) *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{{Name: name, Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
}

func TestQueryBatchesAndArgs(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT g FROM generate_series(1, 10) g`, Schema: int64Schema("g"), Alloc: mem, BatchSize: 3,
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, sizes := readAll(t, r)
	r.Release()
	if len(rows) != 10 || rows[9][0] != "10" || len(sizes) != 4 || sizes[0] != 3 || sizes[3] != 1 {
		t.Errorf("sizes %v, rows %v", sizes, rows)
	}

	schema := arrow.NewSchema([]arrow.Field{
		{Name: "i", Type: arrow.PrimitiveTypes.Int64}, {Name: "f", Type: arrow.PrimitiveTypes.Float64},
		{Name: "s", Type: arrow.BinaryTypes.String}, {Name: "b", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "d", Type: arrow.FixedWidthTypes.Date32},
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}},
		{Name: "iv", Type: arrow.FixedWidthTypes.MonthDayNanoInterval},
		{Name: "sum", Type: &arrow.Decimal128Type{Precision: 20, Scale: 2}},
	}, nil)
	r, err = b.Query(context.Background(), engine.Query{
		SQL: `SELECT $1::int8 + 1, $2::float8 * 2, $3::text || '!', NOT $4::bool, $5::date + 1,
			$6::timestamptz, $7::interval, sum(x) FROM (VALUES (1.25), (2.5)) v(x)`,
		Args: []any{int64(41), 1.25, "hi", true, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
			time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), engine.Interval{Months: 1, Days: 2, Micros: 3}},
		Schema: schema, Alloc: mem,
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, _ = readAll(t, r)
	r.Release()
	compareRows(t, rows, [][]string{{"42", "2.5", "hi!", "false", "2025-01-01", "2024-01-02T03:04:05Z",
		`{"months":1,"days":2,"nanoseconds":3000}`, "3.75"}}, schema)
}

func TestQueryEmpty(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT 1::int8 AS x WHERE false`, Schema: int64Schema("x"), Alloc: mem,
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, sizes := readAll(t, r)
	r.Release()
	if len(rows) != 0 || len(sizes) != 0 {
		t.Errorf("rows %v, sizes %v", rows, sizes)
	}
	_, err = b.Query(context.Background(), engine.Query{SQL: `SELECT 'a'::text WHERE false`, Schema: int64Schema("x")})
	if !errors.Is(err, arrowconv.ErrType) {
		t.Errorf("mismatch on an empty result: %v", err)
	}
	checkPoolIdle(t, b)
}

func TestQueryReadOnly(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, `CREATE TABLE {s}.t (id int)`)
	_, err := b.Query(context.Background(), engine.Query{
		SQL: `INSERT INTO "` + s + `".t VALUES (1) RETURNING id`, Schema: int64Schema("id"),
	})
	if err == nil || !strings.Contains(err.Error(), "read-only transaction") {
		t.Fatalf("INSERT in Query: err = %v", err)
	}
	var n int
	if err := b.pool.QueryRow(context.Background(), `SELECT count(*) FROM "`+s+`".t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("table has %d rows (%v)", n, err)
	}
}

func TestQueryTypeMismatch(t *testing.T) {
	b := openTest(t)
	_, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT 'x'::text AS label`, Schema: int64Schema("label"),
	})
	if !errors.Is(err, arrowconv.ErrType) || !strings.Contains(err.Error(), `column "label"`) {
		t.Fatalf("err = %v", err)
	}
	_, err = b.Query(context.Background(), engine.Query{SQL: `SELECT 1, 2`, Schema: int64Schema("a")})
	if !errors.Is(err, arrowconv.ErrType) {
		t.Fatalf("column count mismatch: err = %v", err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	narrow := arrow.NewSchema([]arrow.Field{{Name: "v", Type: arrow.PrimitiveTypes.Int16}}, nil)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT v FROM (VALUES (1), (100000)) t(v)`, Schema: narrow, Alloc: mem,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if r.Next() || !errors.Is(r.Err(), arrowconv.ErrRange) {
		t.Fatalf("out-of-range value: err = %v", r.Err())
	}
	checkPoolIdle(t, b)
}

// checkPoolIdle fails when a connection is still checked out of the pool.
func checkPoolIdle(t *testing.T, b *Backend) {
	t.Helper()
	if n := b.pool.Stat().AcquiredConns(); n != 0 {
		t.Errorf("%d connections still acquired", n)
	}
}

// sleepSchema is the schema of SELECT pg_sleep(…) (void travels as text).
var sleepSchema = arrow.NewSchema([]arrow.Field{{Name: "pg_sleep", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)

func TestQueryTimeout(t *testing.T) {
	b := openTest(t)
	start := time.Now()
	_, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT pg_sleep(5)`, Schema: sleepSchema, Timeout: 200 * time.Millisecond,
	})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout of 200ms") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %s", d)
	}
	checkPoolIdle(t, b)
	queryOne(t, b)
}

func TestQueryCancel(t *testing.T) {
	b := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := b.Query(ctx, engine.Query{SQL: `SELECT pg_sleep(5)`, Schema: sleepSchema})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("cancellation took %s", d)
	}
	checkPoolIdle(t, b)
	queryOne(t, b)
}

func TestQueryCancelMidStream(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := b.Query(ctx, engine.Query{
		SQL:    `SELECT generate_series(1, 100000000) AS g`,
		Schema: int64Schema("g"), Alloc: mem, BatchSize: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if !r.Next() {
		t.Fatal(r.Err())
	}
	cancel()
	for r.Next() {
	}
	if !errors.Is(r.Err(), context.Canceled) {
		t.Fatalf("err = %v", r.Err())
	}
	checkPoolIdle(t, b)
}

func TestQueryReleaseEarly(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for i := 0; i < 3; i++ {
		r, err := b.Query(context.Background(), engine.Query{
			SQL:    `SELECT generate_series(1, 100000000) AS g`,
			Schema: int64Schema("g"), Alloc: mem, BatchSize: 1000,
		})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Next() || r.RecordBatch().NumRows() != 1000 {
			t.Fatal("no first batch", r.Err())
		}
		start := time.Now()
		r.Release()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("early release took %s", d)
		}
		checkPoolIdle(t, b)
		queryOne(t, b)
	}
}

// queryOne checks that the pool still answers a query.
func queryOne(t *testing.T, b *Backend) {
	t.Helper()
	r, err := b.Query(context.Background(), engine.Query{SQL: `SELECT 1::int8`, Schema: int64Schema("one")})
	if err != nil {
		t.Fatalf("query after: %v", err)
	}
	defer r.Release()
	rows, _ := readAll(t, r)
	if len(rows) != 1 || rows[0][0] != "1" {
		t.Fatalf("query after: %v", rows)
	}
}
