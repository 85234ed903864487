package reports

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/reports/xlsxcheck"
)

func TestFormats(t *testing.T) {
	if got, want := Formats(), []string{"table", "csv", "arrow", "parquet", "json", "html", "xlsx"}; !slices.Equal(got, want) {
		t.Errorf("Formats() = %v, want %v", got, want)
	}
	for _, name := range Formats() {
		f, err := ParseFormat(name)
		if err != nil || string(f) != name {
			t.Errorf("ParseFormat(%q) = %q, %v", name, f, err)
		}
	}
	if _, err := ParseFormat("CSV"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat(CSV) error %v, want ErrUnknownFormat", err)
	}
}

func TestExtension(t *testing.T) {
	tests := map[string]string{"csv": ".csv", "arrow": ".arrow", "parquet": ".parquet", "table": ".txt", "json": ".json", "html": ".html", "xlsx": ".xlsx", "xml": ""}
	for name, want := range tests {
		if got := Extension(name); got != want {
			t.Errorf("Extension(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestWriteDispatch(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(42)}}}
	wants := map[string]string{"csv": "n\n42\n", "table": "  n\n----\n 42\n(1 row)\n", "json": "[\n{\"n\":42}\n]\n"}
	for name, want := range wants {
		var out bytes.Buffer
		if err := Write(name, &out, readerOfColumns(t, mem, cols), mem); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("%s: got %q, want %q", name, out.String(), want)
		}
	}
	var out bytes.Buffer
	if err := Write("arrow", &out, readerOfColumns(t, mem, cols), mem); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "ARROW1") {
		t.Errorf("arrow output starts %q", out.String()[:min(8, out.Len())])
	}
	out.Reset()
	if err := Write("xlsx", &out, readerOfColumns(t, mem, cols), mem); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "PK\x03\x04") {
		t.Errorf("xlsx output starts %q", out.String()[:min(8, out.Len())])
	}
	// Like every workbook the tests write, read back by openpyxl and
	// compared with the CSV of the same result.
	path := filepath.Join(t.TempDir(), "n.xlsx")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	xlsxcheck.CompareCSV(t, xlsxcheck.Read(t, path).Sheet(t, "Report"), wants["csv"], xlsxcheck.Expect{
		Kinds: map[string]xlsxcheck.Kind{"n": xlsxcheck.Number}, NumFmts: map[string]string{"n": "#,##0"},
	})
}

func TestWriteUnknownFormat(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(42)}}}
	var out bytes.Buffer
	err := Write("xml", &out, readerOfColumns(t, mem, cols), mem)
	if !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("got %v, want ErrUnknownFormat", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q", out.String())
	}
	if !strings.Contains(err.Error(), `"xml"`) {
		t.Errorf("error %q does not name the format", err)
	}
}

// allTypeColumns returns the columns of the all-types CSV test.
func allTypeColumns(t *testing.T) []testColumn {
	cases := allTypeCases(t)
	cols := make([]testColumn, len(cases))
	for i, c := range cases {
		cols[i] = c.col
	}
	return cols
}

// readArrowFile reads every batch of an Arrow IPC file; the caller
// releases the batches.
func readArrowFile(t *testing.T, mem memory.Allocator, data []byte) (*arrow.Schema, []arrow.RecordBatch) {
	t.Helper()
	fr, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(mem))
	if err != nil {
		t.Fatal(err)
	}
	defer fr.Close()
	var recs []arrow.RecordBatch
	for i := 0; i < fr.NumRecords(); i++ {
		rec, err := fr.RecordBatchAt(i)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	return fr.Schema(), recs
}

func TestWriteArrowRoundTrip(t *testing.T) {
	mem := newChecked(t)
	cols := allTypeColumns(t)
	first, second := buildRecord(t, mem, cols), buildRecord(t, mem, cols)
	want := []arrow.RecordBatch{first, second}
	for _, r := range want {
		r.Retain()
		defer r.Release()
	}
	var out bytes.Buffer
	if err := WriteArrow(&out, readerOf(t, schemaOf(cols), first, second), mem); err != nil {
		t.Fatal(err)
	}
	schema, got := readArrowFile(t, mem, out.Bytes())
	defer func() {
		for _, r := range got {
			r.Release()
		}
	}()
	if !schema.Equal(schemaOf(cols)) {
		t.Fatalf("schema\n got: %s\nwant: %s", schema, schemaOf(cols))
	}
	if len(got) != len(want) {
		t.Fatalf("got %d batches, want %d", len(got), len(want))
	}
	for i := range got {
		// NaN never equals itself, so compare with NaNs equal and no tolerance.
		if !array.RecordApproxEqual(got[i], want[i], array.WithNaNsEqual(true), array.WithAbsTolerance(0)) {
			t.Errorf("batch %d differs:\n got: %v\nwant: %v", i, got[i], want[i])
		}
	}
}

func TestWriteArrowEmptyResult(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, nil}}
	var out bytes.Buffer
	if err := WriteArrow(&out, readerOf(t, schemaOf(cols)), mem); err != nil {
		t.Fatal(err)
	}
	schema, got := readArrowFile(t, mem, out.Bytes())
	if !schema.Equal(schemaOf(cols)) || len(got) != 0 {
		t.Errorf("got schema %s and %d batches", schema, len(got))
	}
}

func TestWriteArrowReaderError(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}
	rr := failingReader{readerOfColumns(t, mem, cols), errBoom}
	if err := WriteArrow(&bytes.Buffer{}, rr, mem); !errors.Is(err, errBoom) {
		t.Fatalf("got %v, want errBoom", err)
	}
}
