package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
)

// TestTimeoutIsServerTime: the time limit bounds the statement on the
// server, not the time the caller takes to read the rows. A result the
// server has sent long ago must stream to a slow reader well past the limit
// (and past any client-side grace).
func TestTimeoutIsServerTime(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{
		SQL: `SELECT i FROM generate_series(1, 4000) i`, Schema: int64Schema("i"),
		Alloc: mem, BatchSize: 500, Timeout: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	start, rows := time.Now(), int64(0)
	for r.Next() {
		rows += r.RecordBatch().NumRows()
		time.Sleep(600 * time.Millisecond) // the writer of a large extract
	}
	if err := r.Err(); err != nil {
		t.Fatalf("after %s and %d rows: %v", time.Since(start).Round(time.Millisecond), rows, err)
	}
	if rows != 4000 {
		t.Errorf("read %d rows, want 4000", rows)
	}
}

// TestTimeoutSetsStatementTimeout: the limit is PostgreSQL's
// statement_timeout in the query's transaction; 0 means none.
func TestTimeoutSetsStatementTimeout(t *testing.T) {
	b := openTest(t)
	schema := arrow.NewSchema([]arrow.Field{{Name: "t", Type: arrow.BinaryTypes.String, Nullable: true}}, nil)
	for limit, want := range map[time.Duration]string{0: "0", 1500 * time.Millisecond: "1500ms", 2 * time.Hour: "2h"} {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		r, err := b.Query(context.Background(), engine.Query{
			SQL: `SELECT current_setting('statement_timeout')`, Schema: schema, Alloc: mem, Timeout: limit,
		})
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := readAll(t, r)
		r.Release()
		mem.AssertSize(t, 0)
		if len(rows) != 1 || rows[0][0] != want {
			t.Errorf("Timeout %s: statement_timeout = %v, want %s", limit, rows, want)
		}
	}
}
