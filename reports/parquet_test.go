package reports

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// readParquet reads a Parquet file whole; the caller releases the table.
func readParquet(t *testing.T, mem memory.Allocator, data []byte) arrow.Table {
	t.Helper()
	tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(data),
		parquet.NewReaderProperties(mem), pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// rowGroupsOf returns the number of rows of every row group of a file.
func rowGroupsOf(t *testing.T, data []byte) []int64 {
	t.Helper()
	r, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows []int64
	for i := 0; i < r.NumRowGroups(); i++ {
		rows = append(rows, r.MetaData().RowGroup(i).NumRows())
	}
	return rows
}

func TestWriteParquetRoundTrip(t *testing.T) {
	mem := newChecked(t)
	// Arrow's date64 counts milliseconds, and pqarrow reads a value that is
	// not a whole day back as another day; assay never makes date64.
	var cases []csvCase
	for _, c := range allTypeCases(t) {
		if c.col.name != "d64" {
			cases = append(cases, c)
		}
	}
	cols := make([]testColumn, len(cases))
	for i, c := range cases {
		cols[i] = c.col
	}
	var out bytes.Buffer
	rr := readerOf(t, schemaOf(cols), buildRecord(t, mem, cols), buildRecord(t, mem, cols))
	if err := Write("parquet", &out, rr, mem); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("PAR1")) {
		t.Fatalf("output starts %q", out.Bytes()[:min(4, out.Len())])
	}
	tbl := readParquet(t, mem, out.Bytes())
	defer tbl.Release()
	// pqarrow reads back a timestamp of seconds as milliseconds in UTC
	// (Parquet has neither); intervals are text.
	changed := map[string]arrow.DataType{
		"ts_s": &arrow.TimestampType{Unit: arrow.Millisecond, TimeZone: "UTC"},
		"iv":   arrow.BinaryTypes.String,
	}
	for i, c := range cases {
		want := c.col.typ
		if ch, ok := changed[c.col.name]; ok {
			want = ch
		}
		if got := tbl.Schema().Field(i).Type; !arrow.TypeEqual(got, want) {
			t.Errorf("column %s: read back as %s, want %s", c.col.name, got, want)
		}
	}
	// Every value reads back the same: the CSV of the file read back is the
	// CSV of the batches written.
	var got bytes.Buffer
	tr := array.NewTableReader(tbl, 3)
	defer tr.Release()
	if err := WriteCSV(&got, tr); err != nil {
		t.Fatal(err)
	}
	want := expectedCSV(cases)
	want += want[strings.IndexByte(want, '\n')+1:] // two batches, one header
	if got.String() != want {
		t.Errorf("values differ:\n got: %s\nwant: %s", got.String(), want)
	}
}

func TestWriteParquetRowGroups(t *testing.T) {
	mem := newChecked(t)
	schema := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
	const batch = 200_000
	recs := func() []arrow.RecordBatch {
		out := make([]arrow.RecordBatch, 5)
		b := array.NewInt64Builder(mem)
		defer b.Release()
		for i := range out {
			for v := 0; v < batch; v++ {
				b.Append(int64(v) * 7919 * int64(i+1))
			}
			arr := b.NewArray()
			out[i] = array.NewRecordBatch(schema, []arrow.Array{arr}, batch)
			arr.Release()
		}
		return out
	}
	// Rows: groups of 300,000 split batches of 200,000.
	var out bytes.Buffer
	if err := writeParquet(&out, readerOf(t, schema, recs()...), mem, rowGroupLimits{rows: 300_000, bytes: 1 << 30}); err != nil {
		t.Fatal(err)
	}
	if got := rowGroupsOf(t, out.Bytes()); !equalInts(got, []int64{300_000, 300_000, 300_000, 100_000}) {
		t.Errorf("row groups by rows: %v", got)
	}
	// Bytes: once a batch has filled a data page, the next batch starts a
	// new group.
	out.Reset()
	if err := writeParquet(&out, readerOf(t, schema, recs()...), mem, rowGroupLimits{rows: 1 << 20, bytes: 1}); err != nil {
		t.Fatal(err)
	}
	if got := rowGroupsOf(t, out.Bytes()); !equalInts(got, []int64{batch, batch, batch, batch, batch}) {
		t.Errorf("row groups by bytes: %v", got)
	}
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWriteParquetEmptyResult(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, nil}, {"iv", arrow.FixedWidthTypes.MonthDayNanoInterval, nil}}
	var out bytes.Buffer
	if err := WriteParquet(&out, readerOf(t, schemaOf(cols)), mem); err != nil {
		t.Fatal(err)
	}
	tbl := readParquet(t, mem, out.Bytes())
	defer tbl.Release()
	if tbl.NumRows() != 0 || tbl.NumCols() != 2 || tbl.Schema().Field(1).Type.ID() != arrow.STRING {
		t.Errorf("read back %s with %d rows", tbl.Schema(), tbl.NumRows())
	}
}

func TestWriteParquetReaderError(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}
	rr := failingReader{readerOfColumns(t, mem, cols), errBoom}
	if err := WriteParquet(&bytes.Buffer{}, rr, mem); !errors.Is(err, errBoom) {
		t.Fatalf("got %v, want errBoom", err)
	}
}

// TestWriteParquetDictionaryByFirstBatch: a column of repeated values keeps
// its dictionary; a column whose first batch is mostly distinct values is
// written plain, even if later batches repeat.
func TestWriteParquetDictionaryByFirstBatch(t *testing.T) {
	mem := newChecked(t)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "code", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "key", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	batch := func(from, rows int) arrow.RecordBatch {
		codes, keys := array.NewInt64Builder(mem), array.NewStringBuilder(mem)
		defer codes.Release()
		defer keys.Release()
		for i := from; i < from+rows; i++ {
			codes.Append(int64(i % 7))
			if i%50 == 0 {
				keys.AppendNull()
			} else {
				keys.Append("key " + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune(i)))
			}
		}
		c, k := codes.NewArray(), keys.NewArray()
		defer c.Release()
		defer k.Release()
		return array.NewRecordBatch(schema, []arrow.Array{c, k}, int64(rows))
	}
	var out bytes.Buffer
	if err := WriteParquet(&out, readerOf(t, schema, batch(0, 5000), batch(0, 5000)), mem); err != nil {
		t.Fatal(err)
	}
	r, err := file.NewParquetReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rg := r.MetaData().RowGroup(0)
	for c, wantDict := range []bool{true, false} {
		chunk, err := rg.ColumnChunk(c)
		if err != nil {
			t.Fatal(err)
		}
		if got := chunk.HasDictionaryPage(); got != wantDict {
			t.Errorf("column %d: dictionary page %v, want %v (%v)", c, got, wantDict, chunk.EncodingStats())
		}
	}
	tbl := readParquet(t, mem, out.Bytes())
	defer tbl.Release()
	if tbl.NumRows() != 10000 {
		t.Errorf("read back %d rows", tbl.NumRows())
	}
}

// TestWriteParquetRefusesNested: results are flat; a nested column is
// refused with its name rather than written wrong.
func TestWriteParquetRefusesNested(t *testing.T) {
	mem := newChecked(t)
	schema := arrow.NewSchema([]arrow.Field{{Name: "xs", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true}}, nil)
	err := WriteParquet(&bytes.Buffer{}, readerOf(t, schema), mem)
	if err == nil || !strings.Contains(err.Error(), `column "xs": nested type`) {
		t.Fatalf("got %v, want the nested column refused", err)
	}
}
