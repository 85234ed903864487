package reports

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestWriteTableFlagsOutliers(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "clinic", Type: arrow.BinaryTypes.String},
		{Name: "visits_outlier", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "done", Type: arrow.FixedWidthTypes.Boolean},
	}, nil)
	b := array.NewRecordBuilder(alloc, schema)
	defer b.Release()
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"A", "B", "C"}, nil)
	b.Field(1).(*array.BooleanBuilder).AppendValues([]bool{false, true, false}, []bool{true, true, false})
	b.Field(2).(*array.BooleanBuilder).AppendValues([]bool{true, false, true}, nil)
	rec := b.NewRecordBatch()
	defer rec.Release()
	for _, plain := range []bool{false, true} {
		rr, err := array.NewRecordReader(schema, []arrow.RecordBatch{rec})
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		if err := WriteTable(&out, rr, TableOptions{PlainFlags: plain}); err != nil {
			t.Fatal(err)
		}
		rr.Release()
		got := out.String()
		if plain != !strings.Contains(got, " B      | OUTLIER        | false") {
			t.Errorf("plain=%v:\n%s", plain, got)
		}
		if strings.Contains(got, "| false          |") == !plain {
			t.Errorf("plain=%v: false flags:\n%s", plain, got)
		}
	}
}
