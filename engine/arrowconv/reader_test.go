package arrowconv

import (
	"errors"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// sliceSource yields the rows of a slice, failing at row failAt if set.
type sliceSource struct {
	rows   [][]any
	next   int
	failAt int
	closed int
}

func (s *sliceSource) Next(cols []*Column) (bool, error) {
	if s.next == s.failAt {
		_ = cols[0].Append(s.rows[s.next][0]) // leave the row half appended
		return false, errors.New("boom")
	}
	if s.next >= len(s.rows) {
		return false, nil
	}
	for i, v := range s.rows[s.next] {
		if err := cols[i].Append(v); err != nil {
			return false, err
		}
	}
	s.next++
	return true, nil
}

func (s *sliceSource) Close() error { s.closed++; return nil }

func testSchema() *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{
		{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
}

func tenRows() [][]any {
	rows := make([][]any, 10)
	for i := range rows {
		rows[i] = []any{int64(i), "x"}
	}
	rows[4] = []any{nil, nil}
	return rows
}

func TestReaderBatches(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	src := &sliceSource{rows: tenRows(), failAt: -1}
	r := NewReader(mem, testSchema(), 3, src)
	var sizes []int64
	var sum int64
	for r.Next() {
		rec := r.RecordBatch()
		sizes = append(sizes, rec.NumRows())
		col := rec.Column(0).(*array.Int64)
		for i := 0; i < col.Len(); i++ {
			sum += col.Value(i)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if len(sizes) != 4 || sizes[0] != 3 || sizes[3] != 1 {
		t.Errorf("batch sizes = %v, want [3 3 3 1]", sizes)
	}
	if sum != 45-4 || src.closed != 1 {
		t.Errorf("sum = %d, closed = %d", sum, src.closed)
	}
	r.Release()
	if src.closed != 1 {
		t.Errorf("closed %d times", src.closed)
	}
}

func TestReaderErrorAndEarlyRelease(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	src := &sliceSource{rows: tenRows(), failAt: 5}
	r := NewReader(mem, testSchema(), 4, src)
	if !r.Next() {
		t.Fatal(r.Err())
	}
	if r.Next() || r.Err() == nil || src.closed != 1 {
		t.Fatalf("want an error after the first batch, got err=%v closed=%d", r.Err(), src.closed)
	}
	r.Release()

	early := &sliceSource{rows: tenRows(), failAt: -1}
	r = NewReader(mem, testSchema(), 2, early)
	r.Retain()
	if !r.Next() {
		t.Fatal(r.Err())
	}
	r.RecordBatch().Retain()
	kept := r.RecordBatch()
	r.Release()
	if early.closed != 0 {
		t.Fatal("closed while still referenced")
	}
	r.Release()
	if early.closed != 1 {
		t.Fatal("early release did not close the source")
	}
	if kept.NumRows() != 2 {
		t.Errorf("kept batch has %d rows", kept.NumRows())
	}
	kept.Release()
}
