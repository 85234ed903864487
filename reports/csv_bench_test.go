package reports

import (
	"io"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// benchBatch is a batch of the eight column types of bench/pgarrow, with a
// NULL in one row of fifty.
func benchBatch(b *testing.B, rows int) arrow.RecordBatch {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "big", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "ratio", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "amount", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
		{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
		{Name: "flag", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	}, nil)
	rb := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer rb.Release()
	x := uint64(88172645463325252)
	for i := 0; i < rows; i++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if i%50 == 7 {
			for _, f := range rb.Fields() {
				f.AppendNull()
			}
			continue
		}
		rb.Field(0).(*array.Int32Builder).Append(int32(i))
		rb.Field(1).(*array.Int64Builder).Append(int64(x >> 1))
		rb.Field(2).(*array.Float64Builder).Append(float64(x%1_000_000_007) / 977.0)
		rb.Field(3).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(x%2_000_000_000) - 1_000_000_000))
		rb.Field(4).(*array.StringBuilder).Append("label, " + strconv.Itoa(int(x%100000)))
		rb.Field(5).(*array.Date32Builder).Append(arrow.Date32(17897 + x%3000))
		rb.Field(6).(*array.TimestampBuilder).Append(arrow.Timestamp(1546300800000000 + int64(x>>8%200_000_000_000_000)))
		rb.Field(7).(*array.BooleanBuilder).Append(x&1 == 0)
	}
	return rb.NewRecordBatch()
}

// BenchmarkWriteCSV measures the CSV encoder alone on batches of the
// benchmark's column types; its allocations per batch are a constant few,
// none per cell: go test ./reports -run XXX -bench WriteCSV -benchmem
func BenchmarkWriteCSV(b *testing.B) {
	const rows = 64 * 1024
	rec := benchBatch(b, rows)
	defer rec.Release()
	b.ReportAllocs()
	for b.Loop() {
		rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteCSV(io.Discard, rr); err != nil {
			b.Fatal(err)
		}
		rr.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}
