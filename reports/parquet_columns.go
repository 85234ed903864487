package reports

import (
	"context"
	"encoding/base64"
	"fmt"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// A Parquet row group holds one chunk per column, and the chunks of a
// buffered row group are encoded into buffers of their own until the group
// is closed, so the columns of a batch can be encoded at the same time.
// pqarrow's FileWriter encodes them one after another on one goroutine;
// columnsWriter drives arrow-go's file writer itself and encodes each
// column of a batch on a goroutine of its own, through the same
// pqarrow.WriteArrowToColumn that FileWriter calls. Each chunk's bytes
// depend only on its own values, and the group writes the chunks in column
// order, so the file is the same bytes whatever the scheduling.
//
// Results are flat (compiler/result maps every column to a primitive Arrow
// type), so each column is one Parquet leaf whose definition levels are its
// validity; nested Arrow types are refused.

// columnsWriter writes batches into buffered row groups of a Parquet file.
type columnsWriter struct {
	file   *file.Writer
	sink   *footerWriter
	schema *arrow.Schema
	limits rowGroupLimits
	rgw    file.BufferedRowGroupWriter // the open row group, or nil
	rows   int64                       // rows written to rgw
	cols   []*columnState
}

// columnState is what the encoding of one column keeps between batches.
type columnState struct {
	ctx      context.Context // pqarrow's write context, which owns a scratch buffer
	nullable bool
	def      []int16 // definition levels of the current batch
}

// newColumnsWriter returns the writer of files of schema into sink, with
// dictionary encoding off for the columns named in plain.
func newColumnsWriter(schema *arrow.Schema, sink *footerWriter, alloc memory.Allocator, limits rowGroupLimits, plain []string) (*columnsWriter, error) {
	for _, f := range schema.Fields() {
		if arrow.IsNested(f.Type.ID()) {
			return nil, fmt.Errorf("column %q: nested type %s is not written to Parquet", f.Name, f.Type)
		}
	}
	opts := []parquet.WriterProperty{
		parquet.WithAllocator(alloc),
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithStoreDecimalAsInteger(true),
		parquet.WithMaxRowGroupLength(limits.rows),
		parquet.WithCreatedBy("assay"),
	}
	for _, name := range plain {
		opts = append(opts, parquet.WithDictionaryPath(parquet.ColumnPath{name}, false))
	}
	props := parquet.NewWriterProperties(opts...)
	arrowProps := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(alloc), pqarrow.WithStoreSchema())
	pqschema, err := pqarrow.ToParquet(schema, props, arrowProps)
	if err != nil {
		return nil, err
	}
	// The key-value metadata pqarrow.FileWriter writes: the schema's own,
	// and the Arrow schema under ARROW:schema, which readers use to restore
	// time zones and other Arrow details.
	var meta metadata.KeyValueMetadata
	md := schema.Metadata()
	for i, k := range md.Keys() {
		if err := meta.Append(k, md.Values()[i]); err != nil {
			return nil, err
		}
	}
	if err := meta.Append("ARROW:schema", base64.StdEncoding.EncodeToString(flight.SerializeSchema(schema, alloc))); err != nil {
		return nil, err
	}
	fw, err := file.NewParquetWriterWithError(sink, pqschema.Root(), file.WithWriterProps(props), file.WithWriteMetadata(meta))
	if err != nil {
		return nil, err
	}
	pw := &columnsWriter{file: fw, sink: sink, schema: schema, limits: limits}
	for _, f := range schema.Fields() {
		pw.cols = append(pw.cols, &columnState{
			ctx:      pqarrow.NewArrowWriteContext(context.Background(), &arrowProps),
			nullable: f.Nullable,
		})
	}
	return pw, nil
}

// write appends rec to the open row group, starting a new group when the
// open one holds limits.bytes of encoded data or limits.rows rows; a batch
// that crosses the row limit is split.
func (pw *columnsWriter) write(rec arrow.RecordBatch) error {
	if !rec.Schema().Equal(pw.schema) {
		return fmt.Errorf("%w: batch of %s, writer of %s", ErrSchemaMismatch, rec.Schema(), pw.schema)
	}
	if pw.rgw != nil && pw.rgw.TotalBytesWritten()+pw.rgw.TotalCompressedBytes() >= pw.limits.bytes {
		pw.rgw = nil
	}
	for off := int64(0); off < rec.NumRows(); {
		if pw.rgw == nil || pw.rows >= pw.limits.rows {
			rgw, err := pw.file.AppendBufferedRowGroupChecked()
			if err != nil {
				return err
			}
			pw.rgw, pw.rows = rgw, 0
		}
		n := min(rec.NumRows()-off, pw.limits.rows-pw.rows)
		part := rec
		if off > 0 || n < rec.NumRows() {
			part = rec.NewSlice(off, off+n)
		}
		err := pw.writeColumns(part)
		if part != rec {
			part.Release()
		}
		if err != nil {
			return err
		}
		pw.rows += n
		off += n
	}
	return nil
}

// writeColumns encodes every column of rec into the open row group, each
// on a goroutine of its own, and returns the error of the first column
// that failed.
func (pw *columnsWriter) writeColumns(rec arrow.RecordBatch) error {
	errs := make([]error, rec.NumCols())
	var wg sync.WaitGroup
	for i, arr := range rec.Columns() {
		cw, err := pw.rgw.Column(i)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = pw.cols[i].write(cw, arr)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("column %q: %w", rec.ColumnName(i), err)
		}
	}
	return nil
}

// write encodes arr into the column chunk cw.
func (c *columnState) write(cw file.ColumnChunkWriter, arr arrow.Array) error {
	var def []int16
	if c.nullable {
		def = c.levels(arr)
	}
	return pqarrow.WriteArrowToColumn(c.ctx, cw, arr, def, nil, c.nullable)
}

// levels returns the definition levels of a flat nullable column: 1 for a
// value, 0 for a null.
func (c *columnState) levels(arr arrow.Array) []int16 {
	n := arr.Len()
	if cap(c.def) < n {
		c.def = make([]int16, n)
	}
	def := c.def[:n]
	if arr.NullN() == 0 {
		for i := range def {
			def[i] = 1
		}
		return def
	}
	valid, off := arr.NullBitmapBytes(), arr.Data().Offset()
	for i := range def {
		def[i] = 0
		if valid != nil && bitutil.BitIsSet(valid, off+i) {
			def[i] = 1
		}
	}
	return def
}

// close writes the last row group and the footer, with the footer's
// encoding stats sorted.
func (pw *columnsWriter) close() error {
	pw.sink.hold()
	if err := pw.file.Close(); err != nil {
		return err
	}
	return pw.sink.finish()
}
