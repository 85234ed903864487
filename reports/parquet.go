package reports

import (
	"bufio"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/arrowmem"
)

// Row groups of a Parquet file end at whichever limit comes first: a number
// of rows, or a number of encoded bytes held for the group. A row group is
// buffered whole in memory until it is complete (Parquet writes each
// column's chunk contiguously), so the byte limit is what bounds the
// writer's memory whatever the width of the rows; the row limit keeps
// groups of narrow rows at the size readers parallelise and skip on
// (DuckDB's own writer makes groups of 122,880 rows). Groups of 1M rows and
// 64 MiB held about 130 MB more at the peak of a 10M-row export of eight
// columns, for the same speed (docs/performance.md, issue 15).
var defaultRowGroups = rowGroupLimits{
	rows:  1 << 17,  // 131,072 rows: 2 batches of 64K
	bytes: 16 << 20, // encoded and compressed bytes held
}

// rowGroupLimits are the row and byte limits of a Parquet row group.
type rowGroupLimits struct {
	rows, bytes int64
}

// parquetRecycleMax bounds the bytes of freed page and encoder buffers
// the writer keeps for reuse (arrowmem.Recycler): about one buffered row
// group (defaultRowGroups.bytes) and its page buffers.
const parquetRecycleMax = 32 << 20

// parquetBufferSize is the size of the buffered writer under the Parquet
// writer, which writes each page in several pieces.
const parquetBufferSize = 256 << 10

// WriteParquet writes the results of rr to w as a Parquet file, streaming:
// batches are appended to a buffered row group, which is written out when
// it reaches 131,072 rows or 16 MiB of encoded data, so the writer holds
// about one row group whatever the number of rows. The columns of a batch
// are encoded concurrently, each on a goroutine of its own (see
// parquet_columns.go). Columns are Snappy-compressed,
// with statistics, dictionary-encoded unless more than half of the first
// batch's values in them are distinct (see parquet_dict.go), and the Arrow
// schema is stored in the file's metadata. The same data always gives the
// same bytes (the footer's encoding stats, which arrow-go lists in map
// order, are sorted: see parquet_footer.go). The writer's large buffers
// are recycled from page to page (arrowmem.Recycler) and handed back to
// alloc when the file is written.
//
// Types map as pqarrow maps them: decimal128 to DECIMAL of the same
// precision and scale (stored as INT32 up to 9 digits, INT64 up to 18, as
// DuckDB stores them, else FIXED_LEN_BYTE_ARRAY), timestamps to TIMESTAMP
// (adjusted to UTC when the Arrow type has a time zone), date32 to DATE,
// strings to UTF-8 BYTE_ARRAY, binary to BYTE_ARRAY. Parquet has no interval that holds months, days and
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
	rc := arrowmem.NewRecycler(alloc, parquetRecycleMax)
	defer rc.Close()
	alloc = rc
	conv, err := newParquetConverter(rr.Schema(), alloc)
	if err != nil {
		return err
	}
	// The first batch decides which columns are dictionary-encoded, so it
	// is read before the writer is made.
	var first arrow.RecordBatch
	if rr.Next() {
		if first, err = conv.convert(rr.RecordBatch()); err != nil {
			return err
		}
	}
	bw := bufio.NewWriterSize(w, parquetBufferSize)
	pw, err := newColumnsWriter(conv.schema, &footerWriter{w: bw}, alloc, limits, plainColumns(first))
	if err != nil {
		if first != nil {
			first.Release()
		}
		return err
	}
	if err := writeParquetBatches(pw, rr, conv, first); err != nil {
		// Close releases the writer's buffers; the output is bad anyway, so
		// its own error adds nothing.
		_ = pw.file.Close()
		return err
	}
	if err := pw.close(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeParquetBatches writes first and every further batch of rr. The
// next batch is read once the current one is written: reading ahead on a
// goroutine of its own cost 4 % more CPU and wall time and 17 MB more
// memory on a 10M-row DuckDB export here, DuckDB's scan threads having the
// cores already.
func writeParquetBatches(pw *columnsWriter, rr array.RecordReader, conv *parquetConverter, first arrow.RecordBatch) error {
	rec := first
	for rec != nil {
		err := pw.write(rec)
		rec.Release()
		if err != nil {
			return err
		}
		rec = nil
		if rr.Next() {
			if rec, err = conv.convert(rr.RecordBatch()); err != nil {
				return err
			}
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reading results: %w", err)
	}
	return nil
}
