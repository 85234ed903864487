package reports

import (
	"io"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

// pivotBenchBatch is a clinic × week result of 200 clinics and 52 weeks
// (10,400 rows) with a count and a float measure.
func pivotBenchBatch(b *testing.B) arrow.RecordBatch {
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "clinic", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "week", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "visits", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
		{Name: "cost", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
	rb := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer rb.Release()
	for c := 0; c < 200; c++ {
		for w := 0; w < 52; w++ {
			rb.Field(0).(*array.StringBuilder).Append("clinic " + strconv.Itoa(c))
			rb.Field(1).(*array.Date32Builder).Append(arrow.Date32(20000 + 7*w))
			rb.Field(2).(*array.Int64Builder).Append(int64(c*w + 1))
			rb.Field(3).(*array.Float64Builder).Append(float64(c+w) / 3)
		}
	}
	return rb.NewRecordBatch()
}

// BenchmarkPivotCSV writes the batch as pivoted formatted CSV; its
// baseline, BenchmarkPivotCSVLong, writes the same batch as long formatted
// CSV in the same run. Compare their ns/row.
func BenchmarkPivotCSV(b *testing.B) {
	benchPivot(b, func(rr array.RecordReader, formats map[string]result.Format) error {
		pv := &result.Pivot{Column: "week", Values: []string{"visits", "cost"}, MaxColumns: 200, Rows: []string{"clinic"},
			ColumnOrder: result.SortKey{Name: "week"}, RowOrder: []result.SortKey{{Name: "clinic"}}}
		return WritePivotCSV(io.Discard, rr, PivotOptions{Pivot: pv, Formats: formats})
	})
}

// BenchmarkPivotCSVLong is the baseline of BenchmarkPivotCSV.
func BenchmarkPivotCSVLong(b *testing.B) {
	benchPivot(b, func(rr array.RecordReader, formats map[string]result.Format) error {
		return WriteFormattedCSV(io.Discard, rr, formats)
	})
}

func benchPivot(b *testing.B, write func(array.RecordReader, map[string]result.Format) error) {
	rec := pivotBenchBatch(b)
	defer rec.Release()
	formats := map[string]result.Format{"cost": {Style: "currency", Currency: "USD"}, "week": {Date: "DD MMM"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
		if err != nil {
			b.Fatal(err)
		}
		if err := write(rr, formats); err != nil {
			b.Fatal(err)
		}
		rr.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rec.NumRows()), "ns/row")
}
