package reports

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// fallbackRecord builds rows of three text columns whose first
// repeatRows rows repeat ten values and whose others are unique, long
// enough that each column's dictionary passes its 1 MiB page limit and the
// chunk falls back to plain pages: two kinds of data page per chunk, when
// the first repeatRows rows are a batch of their own (the first batch
// decides whether a column gets a dictionary).
func fallbackRecord(t *testing.T, mem memory.Allocator, rows, repeatRows int) arrow.RecordBatch {
	t.Helper()
	var fields []arrow.Field
	var cols []arrow.Array
	for c := range 3 {
		b := array.NewStringBuilder(mem)
		for i := range rows {
			v := i
			if i < repeatRows {
				v = i % 10
			}
			b.Append(fmt.Sprintf("column %d, row %08d, a value long enough", c, v))
		}
		cols = append(cols, b.NewArray())
		b.Release()
		fields = append(fields, arrow.Field{Name: fmt.Sprintf("c%d", c), Type: arrow.BinaryTypes.String})
	}
	rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(rows))
	releaseAll(cols)
	return rec
}

// TestWriteParquetDeterministic writes the same data several times: the
// files must be the same bytes although arrow-go lists each chunk's
// encoding stats from a map.
func TestWriteParquetDeterministic(t *testing.T) {
	mem := newChecked(t)
	rec := fallbackRecord(t, mem, 60000, 1000)
	defer rec.Release()
	var first []byte
	for run := range 6 {
		rr := readerOf(t, rec.Schema(), rec.NewSlice(0, 1000), rec.NewSlice(1000, 60000))
		var out bytes.Buffer
		if err := WriteParquet(&out, rr, mem); err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			first = out.Bytes()
			checkStatsSorted(t, first)
			continue
		}
		if !bytes.Equal(first, out.Bytes()) {
			t.Fatalf("run %d wrote other bytes than run 0 (%d and %d bytes)", run, len(out.Bytes()), len(first))
		}
	}
}

// checkStatsSorted reads the file back and checks that every chunk has
// dictionary and plain data pages, listed in order.
func checkStatsSorted(t *testing.T, data []byte) {
	t.Helper()
	r, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rg := r.MetaData().RowGroup(0)
	for c := range rg.NumColumns() {
		chunk, err := rg.ColumnChunk(c)
		if err != nil {
			t.Fatal(err)
		}
		stats := chunk.EncodingStats()
		if len(stats) < 3 {
			t.Fatalf("column %d: %v; want a dictionary page and two kinds of data page", c, stats)
		}
		sorted := slices.IsSortedFunc(stats, func(a, b metadata.PageEncodingStats) int {
			if a.PageType != b.PageType {
				return int(a.PageType) - int(b.PageType)
			}
			return int(a.Encoding) - int(b.Encoding)
		})
		if !sorted {
			t.Errorf("column %d: encoding stats not sorted: %v", c, stats)
		}
	}
	if rows := r.NumRows(); rows != 60000 {
		t.Errorf("read back %d rows", rows)
	}
}

// TestFooterInIgnoresPartialTail: a tail that does not hold the whole
// footer, or is not the end of a Parquet file, is left alone.
func TestFooterInIgnoresPartialTail(t *testing.T) {
	tail := append([]byte("xx"), 10, 0, 0, 0, 'P', 'A', 'R', '1')
	if footerIn(tail) != nil {
		t.Error("found a footer of 10 bytes in 2")
	}
	if footerIn([]byte("abcdefghij")) != nil {
		t.Error("found a footer without the magic")
	}
	ok := append([]byte("junkFOOT"), 4, 0, 0, 0, 'P', 'A', 'R', '1')
	if string(footerIn(ok)) != "FOOT" {
		t.Errorf("footer %q", footerIn(ok))
	}
}
