package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
)

// endlessSQL streams rows for far longer than any test, each naming the
// server process that produces it. The set-returning function in the
// select list streams; in FROM it would first be materialised whole.
const endlessSQL = `SELECT pg_backend_pid() AS pid, generate_series(1, 2000000000) AS g`

var endlessSchema = arrow.NewSchema([]arrow.Field{
	{Name: "pid", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "g", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
}, nil)

// TestQueryStopEndsServerQuery stops a streaming query in each way a run
// can end early — the caller cancels (Ctrl-C), the reader is released
// without reading on, the timeout fires — and checks that the server
// process that ran it is no longer running it: the query is gone from
// pg_stat_activity within a moment, and every Arrow buffer is released.
func TestQueryStopEndsServerQuery(t *testing.T) {
	b := openTest(t)
	stops := map[string]struct {
		timeout time.Duration
		stop    func(cancel context.CancelFunc, r array.RecordReader)
		wantErr error
	}{
		"cancel": {stop: func(cancel context.CancelFunc, r array.RecordReader) {
			cancel()
			for r.Next() {
			}
		}, wantErr: context.Canceled},
		"release": {stop: func(context.CancelFunc, array.RecordReader) {}},
		"timeout": {timeout: 700 * time.Millisecond, stop: func(_ context.CancelFunc, r array.RecordReader) {
			for r.Next() {
			}
		}, wantErr: context.DeadlineExceeded},
	}
	for name, s := range stops {
		t.Run(name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			r, err := b.Query(ctx, engine.Query{SQL: endlessSQL, Schema: endlessSchema, Alloc: mem,
				BatchSize: 10_000, Timeout: s.timeout})
			if err != nil {
				t.Fatal(err)
			}
			if !r.Next() {
				t.Fatal(r.Err())
			}
			pid := r.RecordBatch().Column(0).(*array.Int32).Value(0)
			if !serverRunning(t, b, pid) {
				t.Fatalf("backend %d is not running the query", pid)
			}
			start := time.Now()
			s.stop(cancel, r)
			if s.wantErr != nil && !errors.Is(r.Err(), s.wantErr) {
				t.Errorf("reader error %v, want %v", r.Err(), s.wantErr)
			}
			r.Release()
			waitServerIdle(t, b, pid, start)
			checkPoolIdle(t, b)
		})
	}
	queryOne(t, b)
}

// serverRunning reports whether backend pid is running endlessSQL.
func serverRunning(t *testing.T, b *Backend, pid int32) bool {
	t.Helper()
	var n int
	// The check may run on the very connection it asks about, once that is
	// back in the pool; its own query is then the active one, not endlessSQL.
	err := b.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE pid = $1 AND state = 'active' AND query = $2`, pid, endlessSQL).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// waitServerIdle waits up to three seconds from start for backend pid to
// stop running the query, and fails the test if it does not.
func waitServerIdle(t *testing.T, b *Backend, pid int32, start time.Time) {
	t.Helper()
	for serverRunning(t, b, pid) {
		if time.Since(start) > 3*time.Second {
			t.Fatalf("backend %d still runs the query %s after it was stopped", pid, time.Since(start))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("server query gone %s after the stop", time.Since(start).Round(time.Millisecond))
}

// TestQueryMemoryBounded streams many batches and checks that the Arrow
// memory held never exceeds what about two batches need, however many rows
// have gone by: one batch is held at a time.
func TestQueryMemoryBounded(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "g", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "n", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	}, nil)
	const rows, batch = 300_000, 4096
	r, err := b.Query(context.Background(), engine.Query{
		SQL:    `SELECT g::int8, 'label ' || g, (g / 100.0)::numeric(12,2) FROM generate_series(1, 300000) g`,
		Schema: schema, Alloc: mem, BatchSize: batch,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
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
