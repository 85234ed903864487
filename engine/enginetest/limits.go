package enginetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
)

// endless is the number of copies of numbers a cross join takes to make
// an aggregate no database finishes within a test: 25^8 ≈ 1.5·10^11 rows.
const endless = 8

// long is the number of copies for a result whose first rows come within
// a second or so (PostgreSQL compiles it with JIT first) but that is too
// long to read or to buffer within a test: 25^5 ≈ 10^7 rows.
const long = 5

// stopWithin bounds how long a timed-out, canceled or released query may
// take to stop.
const stopWithin = 10 * time.Second

// cross selects expr over k copies of the numbers table, aliased t1…tk.
func (s *suite) cross(k int, expr string) string {
	from := make([]string, k)
	for i := range from {
		from[i] = s.d.Ident("numbers") + " AS " + s.d.Ident(fmt.Sprintf("t%d", i+1))
	}
	return "SELECT " + expr + " FROM " + strings.Join(from, " CROSS JOIN ")
}

// sumOf adds the n column of t1…tk.
func (s *suite) sumOf(k int) string {
	terms := make([]string, k)
	for i := range terms {
		terms[i] = s.d.Ident(fmt.Sprintf("t%d", i+1)) + "." + s.d.Ident("n")
	}
	return strings.Join(terms, " + ")
}

// testBatching wants records of exactly BatchSize rows but the last, in
// the order of the query.
func (s *suite) testBatching(t *testing.T) {
	n := s.d.Ident("n")
	sql := "SELECT " + n + " FROM " + s.d.Ident("numbers") + " ORDER BY " + n
	var want [][]string
	for i := 1; i <= rowCount; i++ {
		want = append(want, []string{fmt.Sprint(i)})
	}
	for size, batches := range map[int][]int64{7: {7, 7, 7, 4}, 25: {25}, 1: slices.Repeat([]int64{1}, rowCount), 0: {25}} {
		res := s.query(t, context.Background(), engine.Query{SQL: sql, Schema: schema("n", arrow.PrimitiveTypes.Int64), BatchSize: size})
		if res.err != nil || !slices.Equal(res.batches, batches) || fmt.Sprint(res.rows) != fmt.Sprint(want) {
			t.Errorf("BatchSize %d: batches %v, error %v; want %v", size, res.batches, res.err, batches)
		}
	}
}

// testReadOnly wants a write and a DDL statement to fail and to leave the
// database as it was.
func (s *suite) testReadOnly(t *testing.T) {
	id := s.d.Ident
	ctx := context.Background()
	insert := engine.Query{SQL: "INSERT INTO " + id("numbers") + " (" + id("n") + ") VALUES (1000) RETURNING " + id("n"),
		Schema: schema("n", arrow.PrimitiveTypes.Int64)}
	if res := s.query(t, ctx, insert); res.err == nil {
		t.Errorf("INSERT succeeded: %v", res.rows)
	}
	bigint, _ := s.columnType(catalog.Of(catalog.Int64))
	create := engine.Query{SQL: "CREATE TABLE " + id("made_by_a_report") + " (" + id("n") + " " + bigint + ")",
		Schema: arrow.NewSchema(nil, nil)}
	if res := s.query(t, ctx, create); res.err == nil {
		t.Error("CREATE TABLE succeeded")
	}
	count := engine.Query{SQL: "SELECT COUNT(*) FROM " + id("numbers"), Schema: schema("count", arrow.PrimitiveTypes.Int64)}
	if res := s.query(t, ctx, count); res.err != nil || fmt.Sprint(res.rows) != fmt.Sprintf("[[%d]]", rowCount) {
		t.Errorf("numbers after the INSERT: %v, %v; want %d rows", res.rows, res.err, rowCount)
	}
	cat, err := s.b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Lookup("", "made_by_a_report"); ok {
		t.Error("the CREATE TABLE made a table")
	}
}

// testTimeout runs a query that would take hours with a short timeout and
// wants an error wrapping context.DeadlineExceeded, soon.
func (s *suite) testTimeout(t *testing.T) {
	q := engine.Query{SQL: s.cross(endless, "MAX("+s.sumOf(endless)+")"), Schema: schema("m", arrow.PrimitiveTypes.Int64),
		Timeout: 300 * time.Millisecond}
	// A watchdog, so that a backend that ignores the timeout fails the
	// check below instead of hanging the test.
	ctx, cancel := context.WithTimeout(context.Background(), 2*stopWithin)
	defer cancel()
	start := time.Now()
	res := s.query(t, ctx, q)
	if !errors.Is(res.err, context.DeadlineExceeded) {
		t.Errorf("error %v (rows %v); want one wrapping context.DeadlineExceeded", res.err, res.rows)
	}
	if d := time.Since(start); d > stopWithin {
		t.Errorf("the timed-out query took %s to stop", d)
	}
	s.stillAnswers(t)
}

// testTimeoutWhileStreaming reads a result that streams for hours, its
// first batch soon, and wants the read to end with the time limit: the
// limit bounds the query's work in the database, and the database keeps
// working while the rows stream. Rows are rare (few rows of the cross join
// pass the filter), so nearly all of the time is spent in the
// database on every backend, whether it counts waiting for the reader
// (PostgreSQL) or only its own work (DuckDB).
func (s *suite) testTimeoutWhileStreaming(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	// Long enough for the first batch on a loaded machine.
	timeout := 3 * time.Second
	n := func(i int) string { return s.d.Ident(fmt.Sprintf("t%d", i)) + "." + s.d.Ident("n") }
	// The filter names every copy, so no database can push it below the
	// joins and skip the work.
	key := n(1) + " * " + n(2) + " * " + n(3) + " * " + n(4) + " + " + n(5) + " * " + n(6) + " * " + n(7) + " * " + n(8)
	q := engine.Query{SQL: s.cross(endless, s.sumOf(endless)+" AS "+s.d.Ident("s")) + " WHERE (" + key + ") % 2000 = 0",
		Schema: schema("s", arrow.PrimitiveTypes.Int64), Alloc: mem, BatchSize: 100, Timeout: timeout}
	ctx, cancel := context.WithTimeout(context.Background(), timeout+3*stopWithin) // a watchdog, as in testTimeout
	defer cancel()
	start := time.Now()
	rr := s.readOne(t, ctx, q)
	defer rr.Release()
	rows := int64(100)
	for rr.Next() {
		rows += rr.RecordBatch().NumRows()
	}
	if !errors.Is(rr.Err(), context.DeadlineExceeded) {
		t.Errorf("after %d rows: error %v; want one wrapping context.DeadlineExceeded", rows, rr.Err())
	}
	if d := time.Since(start); d > timeout+stopWithin {
		t.Errorf("the timed-out result took %s to end", d)
	}
}

// testCancel cancels the context of a running query.
func (s *suite) testCancel(t *testing.T) {
	watchdog, stop := context.WithTimeout(context.Background(), 2*stopWithin) // as in testTimeout
	defer stop()
	ctx, cancel := context.WithCancel(watchdog)
	defer cancel()
	go func() {
		time.Sleep(200 * time.Millisecond)
		cancel()
	}()
	q := engine.Query{SQL: s.cross(endless, "MAX("+s.sumOf(endless)+")"), Schema: schema("m", arrow.PrimitiveTypes.Int64)}
	start := time.Now()
	res := s.query(t, ctx, q)
	if !errors.Is(res.err, context.Canceled) {
		t.Errorf("error %v; want one wrapping context.Canceled", res.err)
	}
	if d := time.Since(start); d > stopWithin {
		t.Errorf("the canceled query took %s to stop", d)
	}
	s.stillAnswers(t)
}

// testEarlyRelease releases an endless result after its first batch: the
// release must stop the query soon, free every buffer and leave the
// backend usable.
func (s *suite) testEarlyRelease(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	q := engine.Query{SQL: s.cross(long, s.sumOf(long)+" AS "+s.d.Ident("s")), Schema: schema("s", arrow.PrimitiveTypes.Int64),
		Alloc: mem, BatchSize: 100, Timeout: time.Minute}
	rr := s.readOne(t, context.Background(), q)
	if got := rr.RecordBatch().NumRows(); got != 100 {
		t.Errorf("first batch of %d rows, want 100", got)
	}
	start := time.Now()
	rr.Release()
	if d := time.Since(start); d > stopWithin {
		t.Errorf("Release took %s", d)
	}
	mem.AssertSize(t, 0)
	s.stillAnswers(t)
}

// stillAnswers checks that the backend runs a query after another one was
// stopped.
func (s *suite) stillAnswers(t *testing.T) {
	t.Helper()
	q := engine.Query{SQL: "SELECT COUNT(*) FROM " + s.d.Ident("numbers"), Schema: schema("count", arrow.PrimitiveTypes.Int64),
		Timeout: stopWithin}
	if res := s.query(t, context.Background(), q); res.err != nil || fmt.Sprint(res.rows) != fmt.Sprintf("[[%d]]", rowCount) {
		t.Errorf("the next query: %v, %v", res.rows, res.err)
	}
}
