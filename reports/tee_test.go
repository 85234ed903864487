package reports

import (
	"bytes"
	"errors"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// int64Batches returns a reader of count batches of one Int64 column.
func int64Batches(t *testing.T, mem *memory.CheckedAllocator, count int) array.RecordReader {
	t.Helper()
	col := testColumn{"n", arrow.PrimitiveTypes.Int64, []any{int64(1), nil, int64(3)}}
	recs := make([]arrow.RecordBatch, count)
	for i := range recs {
		recs[i] = buildRecord(t, mem, []testColumn{col})
	}
	return readerOf(t, schemaOf([]testColumn{col}), recs...)
}

func TestTeeWritesEveryFormatOnce(t *testing.T) {
	mem := newChecked(t)
	rr := int64Batches(t, mem, 50)
	readers := Tee(rr, 3)
	outs := make([]bytes.Buffer, 3)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i, f := range []Format{FormatCSV, FormatArrow, FormatParquet} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer readers[i].Release()
			errs[i] = f.Write(&outs[i], readers[i], mem)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	var direct bytes.Buffer
	if err := WriteCSV(&direct, int64Batches(t, mem, 50)); err != nil {
		t.Fatal(err)
	}
	if outs[0].String() != direct.String() {
		t.Errorf("CSV through the tee differs")
	}
	_, recs := readArrowFile(t, mem, outs[1].Bytes())
	if len(recs) != 50 {
		t.Errorf("arrow file has %d batches", len(recs))
	}
	for _, r := range recs {
		r.Release()
	}
	tbl := readParquet(t, mem, outs[2].Bytes())
	if tbl.NumRows() != 150 {
		t.Errorf("parquet file has %d rows", tbl.NumRows())
	}
	tbl.Release()
}

func TestTeeReaderLeavesEarly(t *testing.T) {
	mem := newChecked(t)
	rr := int64Batches(t, mem, 20)
	readers := Tee(rr, 2)
	// The first reader takes two batches and leaves; the second reads all.
	for i := 0; i < 2; i++ {
		if !readers[0].Next() {
			t.Fatal("no batch")
		}
	}
	readers[0].Release()
	n := 0
	for readers[1].Next() {
		n++
	}
	if n != 20 || readers[1].Err() != nil {
		t.Errorf("second reader got %d batches, err %v", n, readers[1].Err())
	}
	readers[1].Release()
}

func TestTeeAllLeaveAndError(t *testing.T) {
	mem := newChecked(t)
	readers := Tee(int64Batches(t, mem, 20), 2)
	readers[0].Next()
	readers[0].Release()
	readers[1].Release() // returns once the source is no longer read

	col := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}
	failing := failingReader{readerOfColumns(t, mem, col), errBoom}
	readers = Tee(failing, 2)
	for _, r := range readers {
		for r.Next() {
		}
		if !errors.Is(r.Err(), errBoom) {
			t.Errorf("err = %v, want errBoom", r.Err())
		}
		r.Release()
	}
}
