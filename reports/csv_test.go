package reports

import (
	"bytes"
	"errors"
	"io"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// csvCase is a column of the all-types test and the CSV field of each row.
type csvCase struct {
	col  testColumn
	want []string
}

// decimalOf parses a decimal integer into a Decimal128 value.
func decimalOf(t *testing.T, s string) decimal128.Num {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad decimal %q", s)
	}
	return decimal128.FromBigInt(v)
}

// allTypeCases covers every supported type, NULLs and tricky values.
func allTypeCases(t *testing.T) []csvCase {
	nines := strings.Repeat("9", 38)
	nan32, inf := float32(math.NaN()), math.Inf(1)
	mdn := func(m, d int32, ns int64) arrow.MonthDayNanoInterval {
		return arrow.MonthDayNanoInterval{Months: m, Days: d, Nanoseconds: ns}
	}
	ms := func(d arrow.Date32) arrow.Date64 { return arrow.Date64(int64(d) * 86400000) }
	return []csvCase{
		{testColumn{"b", arrow.FixedWidthTypes.Boolean, []any{true, nil, false, true}},
			[]string{"true", "", "false", "true"}},
		{testColumn{"i8", arrow.PrimitiveTypes.Int8, []any{int8(-128), nil, int8(0), int8(127)}},
			[]string{"-128", "", "0", "127"}},
		{testColumn{"i16", arrow.PrimitiveTypes.Int16, []any{int16(-32768), nil, int16(0), int16(32767)}},
			[]string{"-32768", "", "0", "32767"}},
		{testColumn{"i32", arrow.PrimitiveTypes.Int32, []any{int32(math.MinInt32), nil, int32(0), int32(math.MaxInt32)}},
			[]string{"-2147483648", "", "0", "2147483647"}},
		{testColumn{"i64", arrow.PrimitiveTypes.Int64, []any{int64(math.MinInt64), nil, int64(0), int64(math.MaxInt64)}},
			[]string{"-9223372036854775808", "", "0", "9223372036854775807"}},
		{testColumn{"u8", arrow.PrimitiveTypes.Uint8, []any{uint8(255), nil, uint8(0), uint8(1)}},
			[]string{"255", "", "0", "1"}},
		{testColumn{"u16", arrow.PrimitiveTypes.Uint16, []any{uint16(65535), nil, uint16(0), uint16(1)}},
			[]string{"65535", "", "0", "1"}},
		{testColumn{"u32", arrow.PrimitiveTypes.Uint32, []any{uint32(math.MaxUint32), nil, uint32(0), uint32(1)}},
			[]string{"4294967295", "", "0", "1"}},
		{testColumn{"u64", arrow.PrimitiveTypes.Uint64, []any{uint64(math.MaxUint64), nil, uint64(0), uint64(1)}},
			[]string{"18446744073709551615", "", "0", "1"}},
		{testColumn{"f32", arrow.PrimitiveTypes.Float32, []any{float32(0.1), nil, nan32, float32(16777216)}},
			[]string{"0.1", "", "NaN", "16777216"}},
		{testColumn{"f64", arrow.PrimitiveTypes.Float64, []any{1234567.5, nil, inf, -inf}},
			[]string{"1234567.5", "", "Infinity", "-Infinity"}},
		{testColumn{"f64e", arrow.PrimitiveTypes.Float64, []any{1e-7, nil, 1e21, -0.000001}},
			[]string{"1e-7", "", "1e+21", "-0.000001"}},
		{testColumn{"d12_2", &arrow.Decimal128Type{Precision: 12, Scale: 2},
			[]any{decimal128.FromI64(12345), nil, decimal128.FromI64(-5), decimal128.FromI64(0)}},
			[]string{"123.45", "", "-0.05", "0.00"}},
		{testColumn{"d38_10", &arrow.Decimal128Type{Precision: 38, Scale: 10},
			[]any{decimalOf(t, nines), nil, decimalOf(t, "-"+nines), decimalOf(t, "100000000000000000005")}},
			[]string{nines[:28] + "." + nines[28:], "", "-" + nines[:28] + "." + nines[28:], "10000000000.0000000005"}},
		{testColumn{"s", arrow.BinaryTypes.String, []any{`he said "hi", ok`, nil, "line1\nline2", ""}},
			[]string{`"he said ""hi"", ok"`, "", "\"line1\nline2\"", `""`}},
		{testColumn{"ls", arrow.BinaryTypes.LargeString, []any{"plain", nil, "a\r\nb", "ünïcödé"}},
			[]string{"plain", "", "\"a\r\nb\"", "ünïcödé"}},
		{testColumn{"bin", arrow.BinaryTypes.Binary, []any{[]byte{0xde, 0xad, 0xbe, 0xef}, nil, []byte{}, []byte{0, 0x0f}}},
			[]string{`\xdeadbeef`, "", `\x`, `\x000f`}},
		{testColumn{"d32", arrow.FixedWidthTypes.Date32, []any{days(1969, 12, 31), nil, days(2100, 1, 1), days(1, 1, 1) - 366}},
			[]string{"1969-12-31", "", "2100-01-01", "0000-01-01"}},
		{testColumn{"d64", arrow.FixedWidthTypes.Date64, []any{ms(days(500, 3, 1)), nil, ms(days(10000, 1, 1)), arrow.Date64(-1)}},
			[]string{"0500-03-01", "", "10000-01-01", "1969-12-31"}},
		{testColumn{"ts_naive", &arrow.TimestampType{Unit: arrow.Microsecond},
			[]any{micros(2024, 2, 29, 13, 45, 30, 123456000), nil, micros(2040, 1, 1, 0, 0, 0, 0), micros(1900, 6, 15, 12, 0, 0, 500000000)}},
			[]string{"2024-02-29T13:45:30.123456", "", "2040-01-01T00:00:00", "1900-06-15T12:00:00.5"}},
		{testColumn{"ts_utc", &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"},
			[]any{arrow.Timestamp(1700000000123000000), nil, arrow.Timestamp(-1), arrow.Timestamp(0)}},
			[]string{"2023-11-14T22:13:20.123Z", "", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z"}},
		{testColumn{"ts_s", &arrow.TimestampType{Unit: arrow.Second, TimeZone: "America/New_York"},
			[]any{arrow.Timestamp(0), nil, arrow.Timestamp(-62135596800), arrow.Timestamp(253402300799)}},
			[]string{"1970-01-01T00:00:00Z", "", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}},
		{testColumn{"ts_ms", &arrow.TimestampType{Unit: arrow.Millisecond},
			[]any{arrow.Timestamp(-1), nil, arrow.Timestamp(2208988800000), arrow.Timestamp(1)}},
			[]string{"1969-12-31T23:59:59.999", "", "2040-01-01T00:00:00", "1970-01-01T00:00:00.001"}},
		{testColumn{"iv", arrow.FixedWidthTypes.MonthDayNanoInterval,
			[]any{mdn(1, 2, int64(3*time.Hour+4*time.Minute+5500*time.Millisecond)), nil, mdn(0, 0, 0), mdn(14, -3, -int64(time.Hour+500*time.Millisecond))}},
			[]string{"P1M2DT3H4M5.5S", "", "PT0S", "P1Y2M-3DT-1H-0.5S"}},
		{testColumn{"nul", arrow.Null, []any{nil, nil, nil, nil}},
			[]string{"", "", "", ""}},
	}
}

// expectedCSV joins the fields of cases into the CSV WriteCSV should make.
func expectedCSV(cases []csvCase) string {
	var b strings.Builder
	rows := len(cases[0].want)
	names := make([]string, len(cases))
	for i, c := range cases {
		names[i] = c.col.name
	}
	b.WriteString(strings.Join(names, ",") + "\n")
	for r := 0; r < rows; r++ {
		fields := make([]string, len(cases))
		for i, c := range cases {
			fields[i] = c.want[r]
		}
		b.WriteString(strings.Join(fields, ",") + "\n")
	}
	return b.String()
}

func TestWriteCSVAllTypes(t *testing.T) {
	mem := newChecked(t)
	cases := allTypeCases(t)
	cols := make([]testColumn, len(cases))
	for i, c := range cases {
		cols[i] = c.col
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, readerOfColumns(t, mem, cols)); err != nil {
		t.Fatal(err)
	}
	gotLines := strings.SplitAfter(out.String(), "\n")
	wantLines := strings.SplitAfter(expectedCSV(cases), "\n")
	if out.String() != expectedCSV(cases) {
		t.Errorf("CSV differs\n got: %q\nwant: %q", gotLines, wantLines)
	}
}

func TestWriteCSVBatches(t *testing.T) {
	mem := newChecked(t)
	batch := func(ids []any, names []any) []testColumn {
		return []testColumn{
			{"id", arrow.PrimitiveTypes.Int64, ids},
			{"name, full", arrow.BinaryTypes.String, names},
		}
	}
	b1 := batch([]any{int64(1), int64(2)}, []any{"a", nil})
	b2 := batch([]any{}, []any{})
	b3 := batch([]any{int64(3)}, []any{"c\"d"})
	rr := readerOf(t, schemaOf(b1), buildRecord(t, mem, b1), buildRecord(t, mem, b2), buildRecord(t, mem, b3))
	var out bytes.Buffer
	if err := WriteCSV(&out, rr); err != nil {
		t.Fatal(err)
	}
	want := "id,\"name, full\"\n1,a\n2,\n3,\"c\"\"d\"\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestWriteCSVEmptyResult(t *testing.T) {
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, nil}, {"", arrow.BinaryTypes.String, nil}}
	rr := readerOf(t, schemaOf(cols))
	var out bytes.Buffer
	if err := WriteCSV(&out, rr); err != nil {
		t.Fatal(err)
	}
	if want := "n,\"\"\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

func TestWriteCSVUnsupportedType(t *testing.T) {
	cols := []testColumn{{"l", arrow.ListOf(arrow.PrimitiveTypes.Int64), nil}}
	var out bytes.Buffer
	err := WriteCSV(&out, readerOf(t, schemaOf(cols)))
	if !errors.Is(err, ErrUnsupportedType) {
		t.Fatalf("got %v, want ErrUnsupportedType", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q before failing", out.String())
	}
}

func TestWriteCSVReaderError(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}
	rr := failingReader{readerOfColumns(t, mem, cols), errBoom}
	if err := WriteCSV(&bytes.Buffer{}, rr); !errors.Is(err, errBoom) {
		t.Fatalf("got %v, want errBoom", err)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

// Write fails with errBoom.
func (failingWriter) Write([]byte) (int, error) { return 0, errBoom }

func TestWriteCSVWriterError(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{{"n", arrow.PrimitiveTypes.Int64, []any{int64(1)}}}
	if err := WriteCSV(failingWriter{}, readerOfColumns(t, mem, cols)); !errors.Is(err, errBoom) {
		t.Fatalf("got %v, want errBoom", err)
	}
}

func TestQuoteCSV(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"", `""`},
		{"a,b", `"a,b"`},
		{`"`, `""""`},
		{`say "x"`, `"say ""x"""`},
		{"cr\r", "\"cr\r\""},
		{"lf\n", "\"lf\n\""},
		{" spaced ", " spaced "},
	}
	for _, tt := range tests {
		got := string(quoteCSV(append([]byte("pre|"), tt.in...), 4))
		if got != "pre|"+tt.want {
			t.Errorf("quoteCSV(%q) = %q, want %q", tt.in, got, "pre|"+tt.want)
		}
	}
}

func TestWriteCSVAllocationsDoNotGrowWithRows(t *testing.T) {
	mem := newChecked(t)
	allocs := func(rows int) float64 {
		ids, names, when := make([]any, rows), make([]any, rows), make([]any, rows)
		for i := range rows {
			ids[i], names[i], when[i] = float64(i)/7, "name, "+strings.Repeat("x", i%5), micros(2024, 1, 2, 3, 4, 5, i)
		}
		cols := []testColumn{
			{"x", arrow.PrimitiveTypes.Float64, ids},
			{"name", arrow.BinaryTypes.String, names},
			{"at", &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}, when},
		}
		rec := buildRecord(t, mem, cols)
		defer rec.Release()
		return testing.AllocsPerRun(5, func() {
			rr := readerOf(t, schemaOf(cols), retained(rec))
			if err := WriteCSV(io.Discard, rr); err != nil {
				t.Fatal(err)
			}
		})
	}
	small, large := allocs(10), allocs(5000)
	t.Logf("allocs: %v for 10 rows, %v for 5000", small, large)
	if large > small+5 {
		t.Errorf("allocations grow with rows: %v for 10 rows, %v for 5000", small, large)
	}
}

// retained returns rec after taking a reference for a reader to release.
func retained(rec arrow.RecordBatch) arrow.RecordBatch {
	rec.Retain()
	return rec
}

// TestWriteCSVSlicedBatch writes a batch that is a slice of a larger one,
// whose validity bitmap starts at an offset.
func TestWriteCSVSlicedBatch(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{
		{"n", arrow.PrimitiveTypes.Int64, []any{int64(1), nil, int64(3), nil, int64(5), int64(6), nil, int64(8), int64(9), nil, int64(11)}},
		{"s", arrow.BinaryTypes.String, []any{"a", "b", nil, "d", "e", nil, "g", "h", nil, "j", "k"}},
	}
	rec := buildRecord(t, mem, cols)
	defer rec.Release()
	sl := rec.NewSlice(3, 10)
	var out bytes.Buffer
	if err := WriteCSV(&out, readerOf(t, schemaOf(cols), sl)); err != nil {
		t.Fatal(err)
	}
	want := "n,s\n,d\n5,e\n6,\n,g\n8,h\n9,\n,j\n"
	if out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
