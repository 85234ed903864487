package reports

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// parquetConverter rewrites the columns Parquet cannot hold — intervals —
// as strings of their raw text, and passes the others through.
type parquetConverter struct {
	schema *arrow.Schema // the schema written
	text   []*column     // per field: the formatter of a converted column, or nil
	alloc  memory.Allocator
	buf    []byte
}

// newParquetConverter returns the converter of batches of schema.
func newParquetConverter(schema *arrow.Schema, alloc memory.Allocator) (*parquetConverter, error) {
	c := &parquetConverter{text: make([]*column, schema.NumFields()), alloc: alloc}
	fields := schema.Fields()
	for i, f := range fields {
		if !isInterval(f.Type.ID()) {
			continue
		}
		col, err := newColumn(f.Type, styleRaw)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		c.text[i] = &col
		fields[i].Type = arrow.BinaryTypes.String
	}
	md := schema.Metadata()
	c.schema = arrow.NewSchema(fields, &md)
	return c, nil
}

// isInterval reports whether id is one of Arrow's interval types.
func isInterval(id arrow.Type) bool {
	return id == arrow.INTERVAL_MONTH_DAY_NANO || id == arrow.INTERVAL_MONTHS || id == arrow.INTERVAL_DAY_TIME
}

// convert returns rec with its converted columns replaced; the caller
// releases the result.
func (c *parquetConverter) convert(rec arrow.RecordBatch) (arrow.RecordBatch, error) {
	if int(rec.NumCols()) != len(c.text) {
		return nil, fmt.Errorf("%w: %d columns, want %d", ErrSchemaMismatch, rec.NumCols(), len(c.text))
	}
	cols := make([]arrow.Array, len(c.text))
	for i, arr := range rec.Columns() {
		if c.text[i] == nil {
			arr.Retain()
			cols[i] = arr
			continue
		}
		s, err := c.asText(c.text[i], arr)
		if err != nil {
			releaseAll(cols[:i])
			return nil, fmt.Errorf("column %q: %w", rec.ColumnName(i), err)
		}
		cols[i] = s
	}
	defer releaseAll(cols)
	return array.NewRecordBatch(c.schema, cols, rec.NumRows()), nil
}

// asText returns the string array of the raw text of every value of arr.
func (c *parquetConverter) asText(col *column, arr arrow.Array) (arrow.Array, error) {
	fn, err := col.bind(arr)
	if err != nil {
		return nil, err
	}
	b := array.NewStringBuilder(c.alloc)
	defer b.Release()
	b.Reserve(arr.Len())
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		c.buf = fn(c.buf[:0], i)
		b.BinaryBuilder.Append(c.buf)
	}
	return b.NewArray(), nil
}

// releaseAll releases every non-nil array.
func releaseAll(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}
