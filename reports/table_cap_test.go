package reports

import (
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// generatedReader makes batches of an id and a text column on the fly, so
// that a result of millions of rows is never held by the test itself.
type generatedReader struct {
	alloc   memory.Allocator
	schema  *arrow.Schema
	batches int
	rows    int // rows per batch
	made    int
	cur     arrow.RecordBatch
}

func newGeneratedReader(alloc memory.Allocator, batches, rows int) *generatedReader {
	return &generatedReader{alloc: alloc, batches: batches, rows: rows, schema: arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "label", Type: arrow.BinaryTypes.String},
	}, nil)}
}

// Schema returns the schema of the batches.
func (g *generatedReader) Schema() *arrow.Schema { return g.schema }

// RecordBatch returns the current batch.
func (g *generatedReader) RecordBatch() arrow.RecordBatch { return g.cur }

// Record returns the current batch.
func (g *generatedReader) Record() arrow.RecordBatch { return g.cur }

// Err is always nil.
func (g *generatedReader) Err() error { return nil }

// Retain does nothing: the reader has one owner.
func (g *generatedReader) Retain() {}

// Release releases the current batch.
func (g *generatedReader) Release() { g.releaseCurrent() }

// Next moves to the next batch.
func (g *generatedReader) Next() bool { return g.next() }

// releaseCurrent releases the current batch, if any.
func (g *generatedReader) releaseCurrent() {
	if g.cur != nil {
		g.cur.Release()
		g.cur = nil
	}
}

var _ array.RecordReader = (*generatedReader)(nil)

// next builds the next batch.
func (g *generatedReader) next() bool {
	g.releaseCurrent()
	if g.made == g.batches {
		return false
	}
	b := array.NewRecordBuilder(g.alloc, g.schema)
	defer b.Release()
	ids, labels := b.Field(0).(*array.Int64Builder), b.Field(1).(*array.StringBuilder)
	for i := range g.rows {
		n := int64(g.made*g.rows + i)
		ids.Append(n)
		labels.Append("row " + strconv.FormatInt(n, 10))
	}
	g.made++
	g.cur = b.NewRecordBatch()
	return true
}

// TestTableCapBoundsMemory: a table over a result much larger than its
// cap shows exactly the cap, counts every row in its footer, and keeps
// the cells of the rows shown only.
func TestTableCapBoundsMemory(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	const batches, rows, shown = 100, 10000, 250
	rr := newGeneratedReader(alloc, batches, rows)
	d, err := NewDisplay(rr.Schema(), nil, DefaultNull)
	if err != nil {
		t.Fatal(err)
	}
	tab := newTextTable(rr.Schema(), d, TableOptions{MaxRows: shown})
	cols := rr.Schema().Fields()
	for rr.Next() {
		if err := tab.addBatch(rr.RecordBatch()); err != nil {
			t.Fatal(err)
		}
		if held := len(tab.ends)/len(cols) - 1; held > shown {
			t.Fatalf("the table holds %d rows, more than its cap of %d", held, shown)
		}
	}
	rr.Release()
	if tab.total != batches*rows || tab.shown != shown || len(tab.ends) != (shown+1)*len(cols) {
		t.Errorf("total %d, shown %d, cells %d", tab.total, tab.shown, len(tab.ends))
	}

	var out strings.Builder
	rr = newGeneratedReader(alloc, batches, rows)
	defer rr.Release()
	if err := WriteTable(&out, rr, TableOptions{MaxRows: shown}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2+shown+1 {
		t.Fatalf("%d lines, want header, separator, %d rows and the footer", len(lines), shown)
	}
	want := "(" + strconv.Itoa(batches*rows) + " rows, " + strconv.Itoa(batches*rows-shown) + " not shown)"
	if footer := lines[len(lines)-1]; footer != want {
		t.Errorf("footer %q, want %q", footer, want)
	}
	if last := lines[len(lines)-2]; !strings.Contains(last, "row "+strconv.Itoa(shown-1)) {
		t.Errorf("last row shown %q", last)
	}
}
