package reports

import (
	"bufio"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// Row groups of a Parquet file end at whichever limit comes first: a number
// of rows, or a number of encoded bytes held for the group. A row group is
// buffered whole in memory until it is complete (Parquet writes each
// column's chunk contiguously), so the byte limit is what bounds the
// writer's memory whatever the width of the rows; the row limit keeps
// groups of narrow rows at the size readers parallelise and skip on.
var defaultRowGroups = rowGroupLimits{
	rows:  1 << 20,  // 1,048,576 rows: 16 batches of 64K
	bytes: 64 << 20, // encoded and compressed bytes held
}

// rowGroupLimits are the row and byte limits of a Parquet row group.
type rowGroupLimits struct {
	rows, bytes int64
}

// parquetBufferSize is the size of the buffered writer under the Parquet
// writer, which writes each page in several pieces.
const parquetBufferSize = 256 << 10

// WriteParquet writes the results of rr to w as a Parquet file, streaming:
// batches are appended to a buffered row group, which is written out when
// it reaches 1,048,576 rows or 64 MiB of encoded data, so the writer holds
// about one row group whatever the number of rows. Columns are
// Snappy-compressed, dictionary-encoded where that pays, with statistics,
// and the Arrow schema is stored in the file's metadata. The same data
// always gives the same bytes (the footer's encoding stats, which arrow-go
// lists in map order, are sorted: see parquet_footer.go).
//
// Types map as pqarrow maps them: decimal128 to DECIMAL of the same
// precision and scale, timestamps to TIMESTAMP (adjusted to UTC when the
// Arrow type has a time zone), date32 to DATE, strings to UTF-8 BYTE_ARRAY,
// binary to BYTE_ARRAY. Parquet has no interval that holds months, days and
// nanoseconds of either sign, so interval columns are written as the ISO
// 8601 duration text of the CSV (P1Y2M3DT4H5M6.5S), in a string column. A
// result without batches still makes a valid file with the schema. alloc
// serves the writer's buffers. WriteParquet reads rr to its end but does not
// release it.
func WriteParquet(w io.Writer, rr array.RecordReader, alloc memory.Allocator) error {
	if err := writeParquet(w, rr, alloc, defaultRowGroups); err != nil {
		return fmt.Errorf("reports: parquet: %w", err)
	}
	return nil
}

// writeParquet is WriteParquet with the given row group limits.
func writeParquet(w io.Writer, rr array.RecordReader, alloc memory.Allocator, limits rowGroupLimits) error {
	conv, err := newParquetConverter(rr.Schema(), alloc)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, parquetBufferSize)
	fw, err := newParquetFileWriter(conv.schema, &footerWriter{w: bw}, alloc, limits)
	if err != nil {
		return err
	}
	if err := writeRowGroups(fw.FileWriter, rr, conv, limits.bytes); err != nil {
		// Close releases the writer's buffers; the output is bad anyway, so
		// its own error adds nothing.
		_ = fw.Close()
		return err
	}
	if err := fw.close(); err != nil {
		return err
	}
	return bw.Flush()
}

// parquetFileWriter is a pqarrow file writer over a footerWriter, which
// makes its footer deterministic (see parquet_footer.go).
type parquetFileWriter struct {
	*pqarrow.FileWriter
	sink *footerWriter
}

// newParquetFileWriter returns the writer of files of schema.
func newParquetFileWriter(schema *arrow.Schema, sink *footerWriter, alloc memory.Allocator, limits rowGroupLimits) (*parquetFileWriter, error) {
	props := parquet.NewWriterProperties(
		parquet.WithAllocator(alloc),
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithMaxRowGroupLength(limits.rows),
		parquet.WithCreatedBy("assay"),
	)
	arrowProps := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(alloc), pqarrow.WithStoreSchema())
	fw, err := pqarrow.NewFileWriter(schema, sink, props, arrowProps)
	if err != nil {
		return nil, err
	}
	return &parquetFileWriter{FileWriter: fw, sink: sink}, nil
}

// close writes the last row group and the footer, with the footer's
// encoding stats sorted.
func (fw *parquetFileWriter) close() error {
	fw.sink.hold()
	if err := fw.Close(); err != nil {
		return err
	}
	return fw.sink.finish()
}

// writeRowGroups writes every batch of rr into buffered row groups,
// starting a new one when the current one holds maxBytes (the row limit is
// the writer's own MaxRowGroupLength).
func writeRowGroups(fw *pqarrow.FileWriter, rr array.RecordReader, conv *parquetConverter, maxBytes int64) error {
	for rr.Next() {
		if fw.RowGroupTotalBytesWritten()+fw.RowGroupTotalCompressedBytes() >= maxBytes {
			if err := fw.NewBufferedRowGroupChecked(); err != nil {
				return err
			}
		}
		rec, err := conv.convert(rr.RecordBatch())
		if err != nil {
			return err
		}
		err = fw.WriteBuffered(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reading results: %w", err)
	}
	return nil
}
