//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// schemaOf builds the result schema of a reflected table as the compiler
// would: one field per column, of engine.ArrowType of its type.
func schemaOf(t testing.TB, b *Backend, table string) *arrow.Schema {
	t.Helper()
	cat, err := b.Reflect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tb, ok := cat.Lookup("", table)
	if !ok {
		t.Fatalf("no table %s", table)
	}
	fields := make([]arrow.Field, len(tb.Columns))
	for i, c := range tb.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: engine.ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
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

func TestQueryEveryType(t *testing.T) {
	b, _ := memoryDB(t, everySQL, `INSERT INTO every VALUES
		(1, true, -128, -32768, 2147483647, -9223372036854775808, 99999999999999999999999999999999999999,
		 1.5, -2.25, 123456789.123, -12345678901234567890123456.1234, 'héllo',
		 DATE '2024-02-29', TIMESTAMP '2024-02-29 13:14:15.123456', TIMESTAMPTZ '2024-02-29 13:14:15.5+02',
		 INTERVAL '1 month 2 days 3.000004 seconds', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
		 '{"a": 1, "b": [true, null]}', '\x01\x02\xFF'::BLOB, TIME '01:02:03', [1, 2]),
		(2, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
		(3, false, 0, 0, -1, 0, -1, 'NaN', '-Infinity', -0.5, 0, '',
		 DATE '1969-12-31', TIMESTAMP '1900-01-01 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00',
		 INTERVAL '-1 month', '00000000-0000-0000-0000-000000000000', '"x"', ''::BLOB, TIME '23:59:59.5', [])`)
	schema := schemaOf(t, b, "every")
	rows := queryRows(t, b, engine.Query{SQL: `SELECT * FROM every ORDER BY id`, Schema: schema})
	want := [][]string{
		{"1", "true", "-128", "-32768", "2147483647", "-9223372036854775808",
			"99999999999999999999999999999999999999", "1.5", "-2.25", "123456789.123",
			"-12345678901234567890123456.1234", "héllo", "2024-02-29",
			"2024-02-29T13:14:15.123456", "2024-02-29T11:14:15.5Z",
			`{"months":1,"days":2,"nanoseconds":3000004000}`, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
			`{"a":1,"b":[true,null]}`, "AQL/", "01:02:03", "[1,2]"},
		{"2", "(null)", "(null)", "(null)", "0", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)",
			"(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)", "(null)"},
		{"3", "false", "0", "0", "-1", "0", "-1", "NaN", "-Inf", "-0.5", "0", "",
			"1969-12-31", "1900-01-01T00:00:00", "1970-01-01T00:00:00Z",
			`{"months":-1,"days":0,"nanoseconds":0}`, "00000000-0000-0000-0000-000000000000",
			`"x"`, "", "23:59:59.5", "[]"},
	}
	compareRows(t, rows, want, schema)
}

func TestQueryBatchesAndArgs(t *testing.T) {
	b, _ := memoryDB(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT i::INTEGER AS i FROM range(1, 11) r(i)`, Schema: int64Schema("i"), Alloc: mem, BatchSize: 3,
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
		{Name: "sum", Type: arrow.PrimitiveTypes.Int64},
		{Name: "avg", Type: &arrow.Decimal128Type{Precision: 20, Scale: 2}},
	}, nil)
	rows = queryRows(t, b, engine.Query{
		SQL: `SELECT ?::BIGINT + 1, ? * 2, ? || '!', NOT ?, CAST(? AS DATE) + 1, ?::TIMESTAMPTZ, ?,
			sum(x), avg(x)::DECIMAL(10,3) FROM (VALUES (1), (2), (4)) v(x)`,
		Args: []any{int64(41), 1.25, "hi", true, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
			time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), engine.Interval{Months: 1, Days: 2, Micros: 3}},
		Schema: schema,
	})
	compareRows(t, rows, [][]string{{"42", "2.5", "hi!", "false", "2025-01-01", "2024-01-02T03:04:05Z",
		`{"months":1,"days":2,"nanoseconds":3000}`, "7", "2.33"}}, schema)
}

func TestQueryEmpty(t *testing.T) {
	b, db := memoryDB(t)
	rows := queryRows(t, b, engine.Query{SQL: `SELECT 1::BIGINT AS x WHERE false`, Schema: int64Schema("x")})
	if len(rows) != 0 {
		t.Errorf("rows %v", rows)
	}
	checkIdle(t, db)
}

func TestQueryReadOnly(t *testing.T) {
	b, db := memoryDB(t, `CREATE TABLE t (id INTEGER)`)
	_, err := b.Query(context.Background(), engine.Query{
		SQL: `INSERT INTO t VALUES (1) RETURNING id`, Schema: int64Schema("id"),
	})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("INSERT in Query: err = %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("table has %d rows (%v)", n, err)
	}
	checkIdle(t, db)
	// The connection went back to the pool without an open transaction.
	exec(t, db, `INSERT INTO t VALUES (2)`)
}

func TestQueryTypeMismatch(t *testing.T) {
	b, db := memoryDB(t)
	_, err := b.Query(context.Background(), engine.Query{SQL: `SELECT 'x' AS label`, Schema: int64Schema("label")})
	if !errors.Is(err, arrowconv.ErrType) || !strings.Contains(err.Error(), `column "label"`) {
		t.Fatalf("err = %v", err)
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
	checkIdle(t, db)
}

// checkIdle fails when a connection of db is still in use.
func checkIdle(t *testing.T, db *sql.DB) {
	t.Helper()
	if n := db.Stats().InUse; n != 0 {
		t.Errorf("%d connections still in use", n)
	}
}

// slowSQL runs for minutes unless interrupted.
const slowSQL = `SELECT sum(hash(i)) FROM range(1000000000000) r(i)`

// hashSchema is the schema of slowSQL.
var hashSchema = arrow.NewSchema([]arrow.Field{{Name: "s", Type: &arrow.Decimal128Type{Precision: 38, Scale: 0}}}, nil)

func TestQueryTimeout(t *testing.T) {
	b, db := memoryDB(t)
	start := time.Now()
	_, err := b.Query(context.Background(), engine.Query{SQL: slowSQL, Schema: hashSchema, Timeout: 200 * time.Millisecond})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout of 200ms") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("timeout took %s", d)
	}
	checkIdle(t, db)
	queryRows(t, b, engine.Query{SQL: `SELECT 1::BIGINT`, Schema: int64Schema("one")})
}

func TestQueryCancel(t *testing.T) {
	b, db := memoryDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err := b.Query(ctx, engine.Query{SQL: slowSQL, Schema: hashSchema})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("cancellation took %s", d)
	}
	checkIdle(t, db)
	queryRows(t, b, engine.Query{SQL: `SELECT 1::BIGINT`, Schema: int64Schema("one")})
}

func TestQueryCancelMidStreamAndReleaseEarly(t *testing.T) {
	b, db := memoryDB(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	q := engine.Query{SQL: `SELECT i FROM range(1000000) r(i)`, Schema: int64Schema("i"), Alloc: mem, BatchSize: 1000}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := b.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Next() {
		t.Fatal(r.Err())
	}
	cancel()
	for r.Next() {
	}
	if !errors.Is(r.Err(), context.Canceled) {
		t.Errorf("err = %v", r.Err())
	}
	r.Release()
	checkIdle(t, db)

	for i := 0; i < 3; i++ {
		r, err := b.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Next() || r.RecordBatch().NumRows() != 1000 {
			t.Fatal("no first batch", r.Err())
		}
		r.Release()
		checkIdle(t, db)
	}
	rows := queryRows(t, b, engine.Query{SQL: `SELECT count(*) FROM range(10)`, Schema: int64Schema("n")})
	if rows[0][0] != "10" {
		t.Errorf("query after release: %v", rows)
	}
}

func TestQueryRestoresSession(t *testing.T) {
	b, db := memoryDB(t)
	db.SetMaxOpenConns(1) // every query below uses the same connection
	zone := func() string {
		var tz string
		if err := db.QueryRow(`SELECT current_setting('TimeZone')`).Scan(&tz); err != nil {
			t.Fatal(err)
		}
		return tz
	}
	before := zone()
	rows := queryRows(t, b, engine.Query{
		SQL:    `SELECT CAST(? AS DATE) AS d`,
		Args:   []any{time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		Schema: arrow.NewSchema([]arrow.Field{{Name: "d", Type: arrow.FixedWidthTypes.Date32}}, nil),
	})
	if rows[0][0] != "2024-03-01" {
		t.Errorf("date parameter read as %s", rows[0][0])
	}
	if after := zone(); after != before {
		t.Errorf("session time zone left at %q, was %q", after, before)
	}
	exec(t, db, `CREATE TABLE w (a INT)`) // no transaction left open
}
