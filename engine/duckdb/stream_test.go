//go:build !noduckdb

package duckdb

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	bindings "github.com/duckdb/duckdb-go-bindings"

	"github.com/assay-dev/assay/arrowmem"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// streamedSQL creates a table with a column of every type the streaming
// path decodes, of every storage width, with nulls, and 5,000 rows so
// that results cross data chunks (2,048 rows) and batch boundaries.
const streamedSQL = `CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE streamed AS SELECT
	i::INTEGER AS id,
	CASE WHEN i % 7 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
	(i % 100 - 50)::TINYINT AS i1, (i * 3 - 7000)::SMALLINT AS i2, (i * 1000003)::BIGINT AS i8,
	(i % 200)::UTINYINT AS u1, (i * 7)::USMALLINT AS u2, (i * 100003)::UINTEGER AS u4,
	CASE WHEN i % 5 = 0 THEN NULL ELSE i::HUGEINT * 12345678901234567 * 1000000000 END AS hi,
	(i / 3.0)::FLOAT AS f4, CASE WHEN i % 11 = 0 THEN NULL ELSE i / 7.0 END AS f8,
	(i % 999 - 500 + 0.5)::DECIMAL(4,1) AS n2, (i * 31 - 70000.25)::DECIMAL(9,2) AS n4,
	(i * 1234567.125)::DECIMAL(18,3) AS n8, (i * 123456789012345.6789 - 1)::DECIMAL(30,4) AS n16,
	CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS short,
	'a long string that is never inlined, row ' || i AS long,
	DATE '1969-12-25' + i::INTEGER AS d,
	TIMESTAMP '1969-12-31 23:59:59.999999' + to_hours(i) AS ts,
	(TIMESTAMP '2024-01-01' + to_seconds(i))::TIMESTAMP_S AS ts_s,
	(TIMESTAMP '2024-01-01' + to_milliseconds(i))::TIMESTAMP_MS AS ts_ms,
	(TIMESTAMP '2024-01-01' + to_microseconds(i) + to_days(i::INTEGER))::TIMESTAMP_NS AS ts_ns,
	TIMESTAMPTZ '2024-02-29 13:14:15.5+02' + to_minutes(i) AS tstz,
	to_months((i % 13)::INTEGER) + to_days((i % 17)::INTEGER) + to_microseconds(i) AS iv,
	('a0eebc99-9c0b-4ef8-bb6d-' || lpad(i::VARCHAR, 12, '0'))::UUID AS u,
	CASE WHEN i % 6 = 0 THEN NULL ELSE ('{"k": ' || i || ', "a": [1, "x"]}')::JSON END AS j,
	CASE WHEN i % 9 = 0 THEN NULL ELSE ('\x00\x01' || i)::BLOB END AS bl,
	(['sad', 'ok', 'happy'])[i % 3 + 1]::mood AS m
FROM range(5000) r(i)`

// rowPathPad is a column of a type the streaming path does not decode;
// adding it to a query sends the query to the row path.
const rowPathPad = `, [1, 2] AS pad_list`

// pathOf reports which path a reader came from.
func pathOf(r array.RecordReader) string {
	switch r.(type) {
	case *chunkReader:
		return "stream"
	case *arrowconv.Reader:
		return "rows"
	}
	return "unknown"
}

// queryPath runs q and returns its rows, the batch sizes and the path.
func queryPath(t *testing.T, b *Backend, q engine.Query) ([][]string, []int64, string) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	q.Alloc = mem
	r, err := b.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	rows, sizes := readAll(t, r)
	return rows, sizes, pathOf(r)
}

// checkSamePaths runs sql on the streaming path and, padded with a list
// column, on the row path, and compares every value.
func checkSamePaths(t *testing.T, b *Backend, sql string, schema *arrow.Schema, batch int) {
	t.Helper()
	fast, sizes, path := queryPath(t, b, engine.Query{SQL: sql, Schema: schema, BatchSize: batch})
	if path != "stream" {
		t.Fatalf("%s ran on the %s path", sql, path)
	}
	padded := arrow.NewSchema(append(schema.Fields(), arrow.Field{Name: "pad_list", Type: arrow.BinaryTypes.String}), nil)
	from := strings.Index(sql, "FROM ")
	slow, _, path := queryPath(t, b, engine.Query{SQL: sql[:from] + rowPathPad + " " + sql[from:], Schema: padded, BatchSize: batch})
	if path != "rows" {
		t.Fatalf("padded query ran on the %s path", path)
	}
	for i := range slow {
		slow[i] = slow[i][:len(slow[i])-1]
	}
	if len(fast) == 0 {
		t.Fatalf("%s returned no rows", sql)
	}
	compareRows(t, fast, slow, schema)
	for i, n := range sizes {
		if i < len(sizes)-1 && n != int64(batch) {
			t.Errorf("batch %d has %d rows, want %d", i, n, batch)
		}
	}
}

func TestStreamMatchesRowPath(t *testing.T) {
	b, _ := memoryDB(t, streamedSQL)
	schema := schemaOf(t, b, "streamed")
	checkSamePaths(t, b, `SELECT * FROM streamed ORDER BY id`, schema, 3000)
	checkSamePaths(t, b, `SELECT * FROM streamed ORDER BY id`, schema, 1)
}

func TestStreamConversions(t *testing.T) {
	b, _ := memoryDB(t, streamedSQL)
	f := func(name string, typ arrow.DataType) arrow.Field {
		return arrow.Field{Name: name, Type: typ, Nullable: true}
	}
	schema := arrow.NewSchema([]arrow.Field{
		f("i1", arrow.PrimitiveTypes.Int64), f("i2", &arrow.Decimal128Type{Precision: 10, Scale: 2}),
		f("u4", arrow.PrimitiveTypes.Float64), f("hi", arrow.PrimitiveTypes.Float64),
		f("f4", arrow.PrimitiveTypes.Float64), f("n2", arrow.PrimitiveTypes.Float64),
		f("n4", &arrow.Decimal128Type{Precision: 20, Scale: 5}), f("n8", &arrow.Decimal128Type{Precision: 38, Scale: 1}),
		f("n16", arrow.PrimitiveTypes.Float32), f("d", &arrow.TimestampType{Unit: arrow.Millisecond}),
		f("ts", arrow.FixedWidthTypes.Date32), f("ts_s", &arrow.TimestampType{Unit: arrow.Nanosecond}),
		f("ts_ms", &arrow.TimestampType{Unit: arrow.Second}), f("ts_ns", &arrow.TimestampType{Unit: arrow.Microsecond}),
		f("tstz", arrow.FixedWidthTypes.Date32), f("u", arrow.BinaryTypes.Binary),
		f("m", arrow.BinaryTypes.Binary), f("short", arrow.BinaryTypes.LargeString),
		f("id", arrow.PrimitiveTypes.Int16),
	}, nil)
	checkSamePaths(t, b, `SELECT i1, i2, u4, hi, f4, n2, n4, n8, n16, d, ts, ts_s, ts_ms, ts_ns, tstz, u, m, short, id
		FROM streamed ORDER BY id`, schema, 4096)
}

func TestStreamRangeErrorsMatchRowPath(t *testing.T) {
	b, db := memoryDB(t, streamedSQL)
	for _, c := range []struct{ sql, typ string }{
		{`SELECT i8 FROM streamed ORDER BY id`, "int32"},
		{`SELECT n16 FROM streamed ORDER BY id`, "decimal(10, 2)"},
		{`SELECT n8 FROM streamed ORDER BY id`, "int64"},
		// DECIMAL(18,3) at the same scale into fewer digits: the block path
		// of 64-bit decimals meets a value that does not fit.
		{`SELECT n8 FROM streamed ORDER BY id`, "decimal(12, 3)"},
	} {
		var dt arrow.DataType
		switch c.typ {
		case "int32":
			dt = arrow.PrimitiveTypes.Int32
		case "int64":
			dt = arrow.PrimitiveTypes.Int64
		case "decimal(12, 3)":
			dt = &arrow.Decimal128Type{Precision: 12, Scale: 3}
		default:
			dt = &arrow.Decimal128Type{Precision: 10, Scale: 2}
		}
		schema := arrow.NewSchema([]arrow.Field{{Name: "v", Type: dt, Nullable: true}}, nil)
		errs := make([]string, 2)
		for i, sql := range []string{c.sql, strings.Replace(c.sql, " FROM", rowPathPad+" FROM", 1)} {
			s := schema
			if i == 1 {
				s = arrow.NewSchema(append(schema.Fields(), arrow.Field{Name: "p", Type: arrow.BinaryTypes.String}), nil)
			}
			r, err := b.Query(context.Background(), engine.Query{SQL: sql, Schema: s})
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
			}
			if !errors.Is(r.Err(), arrowconv.ErrRange) {
				t.Errorf("%s as %s: err = %v", sql, c.typ, r.Err())
			} else {
				errs[i] = r.Err().Error()
			}
			r.Release()
		}
		if errs[0] != errs[1] {
			t.Errorf("%s: streaming error %q, row path %q", c.sql, errs[0], errs[1])
		}
	}
	checkIdle(t, db)
}

func TestStreamPaths(t *testing.T) {
	b, _ := memoryDB(t)
	for sql, want := range map[string]string{
		`SELECT 1::BIGINT AS x`:           "stream",
		`SELECT 1::BIGINT AS x, [1] AS l`: "rows",
		`SELECT ?::BIGINT AS x`:           "stream",
	} {
		schema := int64Schema("x")
		if strings.Contains(sql, "[1]") {
			schema = arrow.NewSchema(append(schema.Fields(), arrow.Field{Name: "l", Type: arrow.BinaryTypes.String}), nil)
		}
		_, _, path := queryPath(t, b, engine.Query{SQL: sql, Schema: schema, Args: []any{int64(1)}[:strings.Count(sql, "?")]})
		if path != want {
			t.Errorf("%s ran on the %s path, want %s", sql, path, want)
		}
	}
}

// TestStreamInterruptsFetch cancels and times out a query whose first rows
// come at once but whose end is hours away, read in small batches, so the
// interrupt lands while the reader fetches chunks.
func TestStreamInterruptsFetch(t *testing.T) {
	b, db := memoryDB(t)
	slowRows := `SELECT i, i / 3.0 AS s FROM range(1000000000000) r(i)`
	// For the time limit, rows are rarer and batches are not of one row,
	// so the time goes inside DuckDB, which the limit counts, not into
	// decoding, which it does not: with one-row batches the race detector
	// made stopping take 11-13 s. The rows must not be much rarer: DuckDB
	// fills its streaming buffer (about 1 MB of rows) before the first
	// fetch returns, and at one in a thousand a loaded machine spent the
	// whole limit on that.
	rareRows := slowRows + ` WHERE hash(i) % 100 = 0`
	schema := arrow.NewSchema([]arrow.Field{{Name: "i", Type: arrow.PrimitiveTypes.Int64}, {Name: "s", Type: arrow.PrimitiveTypes.Float64}}, nil)
	for _, c := range []struct {
		name    string
		timeout time.Duration
		cancel  bool
		want    error
	}{{"cancel", 0, true, context.Canceled}, {"timeout", 2 * time.Second, false, context.DeadlineExceeded}} {
		// The cancel comes 300 ms after the first batch, not after the
		// start: on a loaded machine the first rows may take longer.
		// The time limit (2 s) counts from the start, and leaves the
		// first of the rare rows time to come on a busy machine.
		ctx, cancel := context.WithCancel(context.Background())
		start := time.Now()
		sql, batch := slowRows, 1
		if c.timeout > 0 {
			sql, batch = rareRows, 1024
		}
		r, err := b.Query(ctx, engine.Query{SQL: sql, Schema: schema, BatchSize: batch, Timeout: c.timeout})
		if err != nil {
			t.Errorf("%s: the query failed before its first rows: %v", c.name, err)
		} else {
			n := 0
			for r.Next() {
				if n++; n == 1 && c.cancel {
					time.AfterFunc(300*time.Millisecond, cancel)
				}
			}
			if n == 0 {
				t.Errorf("%s: no batch before the interrupt", c.name)
			}
			err = r.Err()
			if pathOf(r) != "stream" {
				t.Errorf("%s: ran on the %s path", c.name, pathOf(r))
			}
			r.Release()
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v", c.name, err)
		}
		if d := time.Since(start); d > 6*time.Second {
			t.Errorf("%s: stopping took %s", c.name, d)
		}
		cancel()
		checkIdle(t, db)
	}
	rows := queryRows(t, b, engine.Query{SQL: `SELECT 1::BIGINT`, Schema: int64Schema("one")})
	if rows[0][0] != "1" {
		t.Errorf("query after interrupts: %v", rows)
	}
}

func TestRawHandleRefusesOtherLayouts(t *testing.T) {
	type conn struct{ conn int }
	if _, err := fieldOf[int64](&conn{}, "conn"); !errors.Is(err, ErrNoRawHandle) {
		t.Errorf("field of another type: err = %v", err)
	}
	if _, err := fieldOf[int](&conn{}, "other"); !errors.Is(err, ErrNoRawHandle) {
		t.Errorf("missing field: err = %v", err)
	}
	if p, err := fieldOf[int](&conn{conn: 7}, "conn"); err != nil || *p != 7 {
		t.Errorf("field of the right type: %v, %v", p, err)
	}
}

// TestStreamMemoryBounded reads 300,000 rows in batches of 4,096 and checks
// that DuckDB's result is a streaming one and that the Arrow memory held
// never exceeds about two batches.
func TestStreamMemoryBounded(t *testing.T) {
	b, _ := memoryDB(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "g", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "n", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	}, nil)
	const rows, batch = 300_000, 4096
	r, err := b.Query(context.Background(), engine.Query{
		SQL:    `SELECT g, 'label ' || g, (g / 100)::DECIMAL(12,2) FROM range(300000) r(g)`,
		Schema: schema, Alloc: mem, BatchSize: batch,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	cr, ok := r.(*chunkReader)
	if !ok || !bindings.ResultIsStreaming(cr.st.res) {
		t.Fatalf("not a streaming result: %T", r)
	}
	var n, peak, first int
	for r.Next() {
		n += int(r.RecordBatch().NumRows())
		peak = max(peak, mem.CurrentAlloc())
		if first == 0 {
			first = mem.CurrentAlloc()
		}
	}
	if err := r.Err(); err != nil || n != rows {
		t.Fatalf("read %d rows: %v", n, err)
	}
	// A batch of 4096 rows holds about 4096 × (8 + 8 + ~12 + 16) bytes.
	if limit := 2 * batch * 64; peak > limit {
		t.Errorf("peak Arrow memory %d bytes over %d rows, want at most %d", peak, rows, limit)
	}
	if peak > 2*first {
		t.Errorf("memory grew while streaming: first batch %d bytes, peak %d", first, peak)
	}
}

// TestStreamErrorMidStream fails a query in a later chunk: the error must
// end the reader, never a short result that looks complete.
func TestStreamErrorMidStream(t *testing.T) {
	b, db := memoryDB(t)
	r, err := b.Query(context.Background(), engine.Query{
		SQL:    `SELECT (CASE WHEN i = 300000 THEN 'x' ELSE i::VARCHAR END)::BIGINT AS i FROM range(400000) r(i)`,
		Schema: int64Schema("i"), BatchSize: 1000,
	})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r.Next() {
		n += int(r.RecordBatch().NumRows())
	}
	if r.Err() == nil || !strings.Contains(r.Err().Error(), "Conversion Error") {
		t.Errorf("after %d rows: err = %v", n, r.Err())
	}
	if n == 0 || n >= 400000 {
		t.Errorf("read %d rows before the error", n)
	}
	r.Release()
	checkIdle(t, db)
}

// TestStreamReleaseStopsQuery releases the reader of a query that would run
// for hours after its first batch: the release must return at once and the
// connection serve the next query.
func TestStreamReleaseStopsQuery(t *testing.T) {
	b, db := memoryDB(t)
	db.SetMaxOpenConns(1) // the next query needs the released connection
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT i FROM range(1000000000000) r(i)`, Schema: int64Schema("i"), BatchSize: 10,
	})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Next() || pathOf(r) != "stream" {
		t.Fatalf("first batch: %v (%s path)", r.Err(), pathOf(r))
	}
	start := time.Now()
	r.Release()
	rows := queryRows(t, b, engine.Query{SQL: `SELECT 7::BIGINT AS n`, Schema: int64Schema("n")})
	if d := time.Since(start); d > 3*time.Second || rows[0][0] != "7" {
		t.Errorf("release and next query took %s: %v", d, rows)
	}
	checkIdle(t, db)
}

// countingAlloc counts the buffers of Min bytes or more allocated through
// it.
type countingAlloc struct {
	memory.Allocator
	large int
}

func (c *countingAlloc) Allocate(size int) []byte {
	if size >= arrowmem.Min {
		c.large++
	}
	return c.Allocator.Allocate(size)
}

// TestReaderRecyclesFixedWidthBuffers reads 200,000 rows of three
// fixed-width columns in batches of 16,384 (13 batches) and checks that the reader takes the large buffers
// of its fixed-width columns from the batches already released (a handful
// of allocations from the caller, not one per column and batch), never
// from batches still held: with arrowmem.Poison on, every fifth batch is
// kept to the end and must still hold its own values, and every batch is
// checked as it comes.
func TestReaderRecyclesFixedWidthBuffers(t *testing.T) {
	arrowmem.Poison = true
	defer func() { arrowmem.Poison = false }()
	b, _ := memoryDB(t)
	checked := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer checked.AssertSize(t, 0)
	mem := &countingAlloc{Allocator: checked}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "i", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "x", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "d", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	}, nil)
	const rows, batch = 200_000, 16_384
	r, err := b.Query(context.Background(), engine.Query{
		SQL:    `SELECT i, i * 0.5, (i / 100)::DECIMAL(12,2) FROM range(200000) r(i)`,
		Schema: schema, Alloc: mem, BatchSize: batch,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	check := func(rec arrow.RecordBatch) {
		is := rec.Column(0).(*array.Int64)
		xs := rec.Column(1).(*array.Float64)
		ds := rec.Column(2).(*array.Decimal128)
		for k := 0; k < is.Len(); k++ {
			i := is.Value(k)
			if xs.Value(k) != float64(i)*0.5 || ds.Value(k).LowBits() != uint64(i) {
				t.Fatalf("row %d reads %v, %v", i, xs.Value(k), ds.Value(k))
			}
		}
	}
	var kept []arrow.RecordBatch
	defer func() {
		for _, rec := range kept {
			rec.Release()
		}
	}()
	n, batches := 0, 0
	for r.Next() {
		rec := r.RecordBatch()
		check(rec)
		if batches%5 == 0 {
			rec.Retain()
			kept = append(kept, rec)
		}
		n += int(rec.NumRows())
		batches++
	}
	if err := r.Err(); err != nil || n != rows {
		t.Fatalf("read %d rows: %v", n, err)
	}
	for _, rec := range kept {
		check(rec)
	}
	// Without recycling: three columns of 128 KiB or more in each of 13
	// batches, 39 large allocations and the first batch's growth. With it,
	// the first batch's and those of the batches after the kept ones (3).
	t.Logf("%d large allocations for %d batches", mem.large, batches)
	if fixed := 3 * batches; mem.large > fixed/2 {
		t.Errorf("%d large allocations for %d batches: the fixed-width buffers are not recycled", mem.large, batches)
	}
}
