//go:build !noduckdb

package duckdb

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
)

// TestTimeoutIsDuckDBTime: the time limit counts the time spent inside
// DuckDB, not the time the caller takes to read the batches.
func TestTimeoutIsDuckDBTime(t *testing.T) {
	b, db := memoryDB(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT i FROM range(4000) r(i)`, Schema: int64Schema("i"),
		Alloc: mem, BatchSize: 1000, Timeout: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	start, rows := time.Now(), int64(0)
	for r.Next() {
		rows += r.RecordBatch().NumRows()
		time.Sleep(150 * time.Millisecond) // the writer of a large extract
	}
	if err := r.Err(); err != nil {
		t.Fatalf("after %s and %d rows: %v", time.Since(start).Round(time.Millisecond), rows, err)
	}
	r.Release()
	if rows != 4000 {
		t.Errorf("read %d rows, want 4000", rows)
	}
	checkIdle(t, db)
}

// TestTimeLimitBudget: the budget runs only between enter and leave, and
// expires once the time inside adds up to the limit; 0 is no limit.
func TestTimeLimitBudget(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := newTimeLimit(100*time.Millisecond, cancel)
	for range 3 {
		l.enter()
		time.Sleep(20 * time.Millisecond)
		l.leave()
		time.Sleep(60 * time.Millisecond) // outside: not counted
	}
	if ctx.Err() != nil || l.exceeded() {
		t.Fatalf("expired after 60ms inside")
	}
	l.enter()
	<-ctx.Done()
	l.leave()
	if !l.exceeded() {
		t.Error("canceled but not exceeded")
	}
	none := newTimeLimit(0, func() { t.Error("a limit of 0 canceled the query") })
	none.enter()
	time.Sleep(10 * time.Millisecond)
	none.leave()
	if none.exceeded() {
		t.Error("a limit of 0 exceeded")
	}
	if err := (&source{parent: context.Background(), limit: l}).fail(context.Canceled); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout of 100ms") {
		t.Errorf("fail = %v", err)
	}
}

// TestTimeLimitNests: an enter inside an enter (the stream fetches its
// first chunk while it starts) runs one clock, stopped by the outer leave;
// no timer of the inner pair is left to fire later.
func TestTimeLimitNests(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := newTimeLimit(80*time.Millisecond, cancel)
	l.enter()
	l.enter()
	time.Sleep(10 * time.Millisecond)
	l.leave()
	l.leave()
	time.Sleep(150 * time.Millisecond) // outside: a leaked timer would fire here
	if ctx.Err() != nil || l.exceeded() {
		t.Fatal("the limit expired while no call was inside DuckDB")
	}
	if l.used < 10*time.Millisecond || l.used > 80*time.Millisecond {
		t.Errorf("used = %s, want the one outer interval", l.used)
	}
}
