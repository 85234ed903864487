package outliers

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

// Stage is the post stage of a report run: it reads the query's record
// reader and returns the finished result in res.Final's column order,
// with the columns of res.Outliers and res.Scores added, and the number
// of flags the rules set (what --fail-on-outliers tests).
//
// Without rules or scores the result streams through untouched. With
// them, every row is collected first (scoring needs the whole result) and
// the new arrays come from alloc. Stage does not take over rr: the caller
// releases rr and, once read, the returned reader.
func Stage(alloc memory.Allocator, rr array.RecordReader, res *result.Result) (array.RecordReader, int, error) {
	if !res.Post() {
		rr.Retain()
		return rr, 0, nil
	}
	recs, err := collect(rr)
	if err != nil {
		return nil, 0, err
	}
	defer releaseAll(recs)
	schema, err := finalSchema(rr.Schema(), res)
	if err != nil {
		return nil, 0, err
	}
	if len(recs) == 0 {
		out, err := array.NewRecordReader(schema, nil)
		return out, 0, err
	}
	scored, err := Apply(alloc, recs, res.Outliers, res.Scores)
	if err != nil {
		return nil, 0, err
	}
	defer releaseAll(scored)
	out := make([]arrow.RecordBatch, len(scored))
	for i, rec := range scored {
		out[i] = selectColumns(rec, schema)
	}
	defer releaseAll(out)
	reader, err := array.NewRecordReader(schema, out)
	if err != nil {
		return nil, 0, err
	}
	return reader, CountFlagged(scored, res.Outliers), nil
}

// finalSchema is the schema of the finished result: the query's fields as
// the reader types them, and the generated columns as the compiler typed
// them, in res.Final's order.
func finalSchema(query *arrow.Schema, res *result.Result) (*arrow.Schema, error) {
	fields := make([]arrow.Field, 0, len(res.Final))
	for _, name := range res.Final {
		if idx := query.FieldIndices(name); len(idx) > 0 {
			fields = append(fields, query.Field(idx[0]))
			continue
		}
		col, ok := res.Column(name)
		if !ok {
			return nil, fmt.Errorf("outliers: final %w %q", ErrUnknownColumn, name)
		}
		fields = append(fields, arrow.Field{Name: name, Type: col.Type, Nullable: true})
	}
	return arrow.NewSchema(fields, nil), nil
}

func collect(rr array.RecordReader) ([]arrow.RecordBatch, error) {
	var recs []arrow.RecordBatch
	for rr.Next() {
		rec := rr.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := rr.Err(); err != nil {
		releaseAll(recs)
		return nil, err
	}
	return recs, nil
}

func releaseAll(recs []arrow.RecordBatch) {
	for _, r := range recs {
		r.Release()
	}
}

// selectColumns returns a record of rec's columns in schema's order.
func selectColumns(rec arrow.RecordBatch, schema *arrow.Schema) arrow.RecordBatch {
	cols := make([]arrow.Array, schema.NumFields())
	for i, f := range schema.Fields() {
		cols[i] = rec.Column(rec.Schema().FieldIndices(f.Name)[0])
	}
	return array.NewRecordBatch(schema, cols, rec.NumRows())
}
