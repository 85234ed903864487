package reports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// jsonRows decodes a JSON array of objects with json.Number for numbers,
// keeping each object's keys in order.
func jsonRows(t *testing.T, data []byte) (keys [][]string, rows [][]any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	expectDelim(t, dec, '[')
	for dec.More() {
		expectDelim(t, dec, '{')
		var ks []string
		var vs []any
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
			ks, vs = append(ks, k.(string)), append(vs, v)
		}
		expectDelim(t, dec, '}')
		keys, rows = append(keys, ks), append(rows, vs)
	}
	expectDelim(t, dec, ']')
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("data after the array: %v", err)
	}
	return keys, rows
}

func expectDelim(t *testing.T, dec *json.Decoder, want json.Delim) {
	t.Helper()
	tok, err := dec.Token()
	if err != nil || tok != want {
		t.Fatalf("want %q, got %v (%v)", want, tok, err)
	}
}

// TestJSONEqualsCSV writes every supported type as CSV and as JSON and
// checks, value by value, that the JSON read back by encoding/json (on a
// json.Number basis) says what the CSV says.
func TestJSONEqualsCSV(t *testing.T) {
	mem := newChecked(t)
	cases := allTypeCases(t)
	cols := make([]testColumn, len(cases))
	for i, c := range cases {
		cols[i] = c.col
	}
	cols = append(cols, testColumn{"odd \"name\"", arrow.BinaryTypes.String, []any{"<\u2028>", "\x01\\", nil, "\xff"}})
	rec := buildRecord(t, mem, cols)
	defer rec.Release()
	var csvOut, jsonOut bytes.Buffer
	if err := WriteCSV(&csvOut, readerOf(t, rec.Schema(), retained(rec))); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jsonOut, readerOf(t, rec.Schema(), retained(rec))); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	keys, rows := jsonRows(t, jsonOut.Bytes())
	if len(rows) != len(records)-1 {
		t.Fatalf("%d JSON rows, %d CSV rows", len(rows), len(records)-1)
	}
	for r, row := range rows {
		if strings.Join(keys[r], "|") != strings.Join(records[0], "|") {
			t.Fatalf("row %d keys %q, want %q", r, keys[r], records[0])
		}
		for c, v := range row {
			compareJSONValue(t, cols[c], r, v, records[r+1][c])
		}
	}
}

// compareJSONValue checks one JSON value against the CSV field of the same
// cell.
func compareJSONValue(t *testing.T, col testColumn, r int, v any, field string) {
	t.Helper()
	where := fmt.Sprintf("%s row %d", col.name, r)
	switch v := v.(type) {
	case nil:
		if col.vals[r] != nil && !nonFiniteText(field) {
			t.Errorf("%s: null, CSV says %q", where, field)
		}
	case json.Number:
		if string(v) != field {
			t.Errorf("%s: number %s, CSV says %q", where, v, field)
		}
	case bool:
		if fmt.Sprint(v) != field {
			t.Errorf("%s: %v, CSV says %q", where, v, field)
		}
	case string:
		// encoding/csv reads \r\n inside a quoted field as \n.
		if want := col.vals[r]; want != nil && strings.ReplaceAll(v, "\r\n", "\n") != field && !(col.name == "odd \"name\"" && v == "\ufffd") {
			t.Errorf("%s: %q, CSV says %q", where, v, field)
		}
	default:
		t.Errorf("%s: unexpected %T", where, v)
	}
}

func nonFiniteText(s string) bool {
	return s == "NaN" || s == "Infinity" || s == "-Infinity"
}

func TestJSONEmptyAndErrors(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"x", arrow.PrimitiveTypes.Int64, nil}}
	var out bytes.Buffer
	if err := WriteJSON(&out, readerOfColumns(t, mem, cols)); err != nil {
		t.Fatal(err)
	}
	if out.String() != "[]\n" {
		t.Errorf("empty result: %q", out.String())
	}
	rr := failingReader{readerOfColumns(t, mem, []testColumn{{"x", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}), errBoom}
	if err := WriteJSON(io.Discard, rr); err == nil {
		t.Error("a failing reader gave no error")
	}
}

// jsonGeneratedReader makes batches of rows on demand and calls probe after
// each one.
type jsonGeneratedReader struct {
	array.RecordReader
	schema  *arrow.Schema
	mem     memory.Allocator
	batches int
	rows    int
	rec     arrow.RecordBatch
	probe   func(n int)
	n       int
}

func (g *jsonGeneratedReader) Schema() *arrow.Schema { return g.schema }
func (g *jsonGeneratedReader) Err() error            { return nil }
func (g *jsonGeneratedReader) RecordBatch() arrow.RecordBatch {
	return g.rec
}
func (g *jsonGeneratedReader) Release() {
	if g.rec != nil {
		g.rec.Release()
	}
}

func (g *jsonGeneratedReader) Next() bool {
	if g.rec != nil {
		g.rec.Release()
		g.rec = nil
	}
	if g.n == g.batches {
		return false
	}
	b := array.NewRecordBuilder(g.mem, g.schema)
	defer b.Release()
	for i := 0; i < g.rows; i++ {
		k := g.n*g.rows + i
		b.Field(0).(*array.Int64Builder).Append(int64(k))
		b.Field(1).(*array.StringBuilder).Append(fmt.Sprintf("clinic %d", k%97))
		b.Field(2).(*array.Float64Builder).Append(math.Sqrt(float64(k)))
	}
	g.rec = b.NewRecordBatch()
	g.n++
	g.probe(g.n)
	return true
}

// TestJSONStreams writes a million rows and checks that the heap after
// the 100th batch is no bigger than after the 10th, give or take 4 MiB.
func TestJSONStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a million rows")
	}
	var at10, at100 uint64
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	g := &jsonGeneratedReader{
		schema: arrow.NewSchema([]arrow.Field{
			{Name: "id", Type: arrow.PrimitiveTypes.Int64},
			{Name: "clinic", Type: arrow.BinaryTypes.String},
			{Name: "v", Type: arrow.PrimitiveTypes.Float64},
		}, nil),
		mem: memory.NewGoAllocator(), batches: 100, rows: 10_000,
		probe: func(n int) {
			switch n {
			case 10:
				at10 = heap()
			case 100:
				at100 = heap()
			}
		},
	}
	defer g.Release()
	var counter countingWriter
	if err := WriteJSON(&counter, g); err != nil {
		t.Fatal(err)
	}
	if at100 > at10+4<<20 {
		t.Errorf("heap grew from %d to %d bytes while streaming %d bytes", at10, at100, counter.n)
	}
	if counter.n < 1_000_000*30 {
		t.Errorf("only %d bytes written", counter.n)
	}
}

// countingWriter counts the bytes written to it.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// BenchmarkWriteJSON measures the JSON writer on the batches of
// BenchmarkWriteCSV: go test ./reports -run XXX -bench 'Write(JSON|CSV)' -benchmem
func BenchmarkWriteJSON(b *testing.B) {
	const rows = 64 * 1024
	rec := benchBatch(b, rows)
	defer rec.Release()
	b.ReportAllocs()
	for b.Loop() {
		rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteJSON(io.Discard, rr); err != nil {
			b.Fatal(err)
		}
		rr.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
