package reports

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// testColumn is one column of a test record: a name, a type and values,
// nil for NULL. Each value has the Go type of its builder's Append method.
type testColumn struct {
	name string
	typ  arrow.DataType
	vals []any
}

// newChecked returns a checked allocator that fails t if anything is still
// allocated when the test ends.
func newChecked(t *testing.T) *memory.CheckedAllocator {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}

// schemaOf returns the schema of cols, every field nullable.
func schemaOf(cols []testColumn) *arrow.Schema {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c.name, Type: c.typ, Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

// buildRecord builds one record batch of cols; the caller releases it.
func buildRecord(t *testing.T, mem memory.Allocator, cols []testColumn) arrow.RecordBatch {
	t.Helper()
	arrs := make([]arrow.Array, len(cols))
	for i, c := range cols {
		arrs[i] = buildArray(t, mem, c)
		defer arrs[i].Release()
	}
	rows := 0
	if len(cols) > 0 {
		rows = len(cols[0].vals)
	}
	return array.NewRecordBatch(schemaOf(cols), arrs, int64(rows))
}

// buildArray builds the array of one test column.
func buildArray(t *testing.T, mem memory.Allocator, c testColumn) arrow.Array {
	t.Helper()
	b := array.NewBuilder(mem, c.typ)
	defer b.Release()
	appendMethod := reflect.ValueOf(b).MethodByName("Append")
	for _, v := range c.vals {
		if v == nil {
			b.AppendNull()
			continue
		}
		if !appendMethod.IsValid() {
			t.Fatalf("column %s: %T has no Append", c.name, b)
		}
		appendMethod.Call([]reflect.Value{reflect.ValueOf(v)})
	}
	return b.NewArray()
}

// readerOf returns a reader over recs and releases recs (the reader holds
// its own references); the reader is released when the test ends.
func readerOf(t *testing.T, schema *arrow.Schema, recs ...arrow.RecordBatch) array.RecordReader {
	t.Helper()
	rr, err := array.NewRecordReader(schema, recs)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		r.Release()
	}
	t.Cleanup(rr.Release)
	return rr
}

// readerOfColumns is readerOf over one batch built from cols.
func readerOfColumns(t *testing.T, mem memory.Allocator, cols []testColumn) array.RecordReader {
	t.Helper()
	return readerOf(t, schemaOf(cols), buildRecord(t, mem, cols))
}

// failingReader yields its batches and then fails with err.
type failingReader struct {
	array.RecordReader
	err error
}

// Err returns the reader's error once the batches are exhausted.
func (r failingReader) Err() error { return r.err }

// errBoom is the error of failing test readers and writers.
var errBoom = errors.New("boom")

// days returns the days from 1970-01-01 to the given date.
func days(y int, m time.Month, d int) arrow.Date32 {
	return arrow.Date32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// micros returns the microseconds since the epoch of a UTC time.
func micros(y int, m time.Month, d, hh, mm, ss, ns int) arrow.Timestamp {
	return arrow.Timestamp(time.Date(y, m, d, hh, mm, ss, ns, time.UTC).UnixMicro())
}
