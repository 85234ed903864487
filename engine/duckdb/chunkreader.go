//go:build !noduckdb

package duckdb

import (
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/arrowmem"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// recycleMax bounds the bytes of released fixed-width buffers a reader
// keeps for its next batches: about five batches of 64K rows of eight
// fixed-width columns (3 MiB each).
const recycleMax = 16 << 20

// chunkReader is an array.RecordReader that fills record batches of a
// fixed number of rows from a stream's data chunks, decoding each chunk
// column by column. It fetches chunks only when Next is called, so at most
// one batch and one chunk are held in memory. It is not safe for
// concurrent use.
//
// The buffers of fixed-width columns come from an arrowmem.Recycler in
// front of the caller's allocator, so that a long read reuses the memory
// of the batches its consumers released instead of faulting in fresh
// pages for every batch (0.92× the CPU of a 10M-row export to Parquet:
// docs/performance.md, issue 15). String and binary columns, whose values
// arrow-go hands out as views into the buffer, take the caller's
// allocator directly.
type chunkReader struct {
	refs     atomic.Int64
	schema   *arrow.Schema
	builders []array.Builder
	recycle  *arrowmem.Recycler
	cols     []*arrowconv.Column
	decs     []decoder
	st       *stream
	rows     int
	cur      arrow.RecordBatch
	err      error
	closed   bool
	full     bool  // a batch of r.rows rows was read: reserve the next one whole
	bytes    []int // bytes of each variable-width column of the last batch
}

// newChunkReader returns a reader of batches of up to rows rows of schema,
// allocated by alloc and decoded from st, whose columns were checked
// against schema. The reader owns st.
func newChunkReader(alloc memory.Allocator, schema *arrow.Schema, rows int, st *stream) *chunkReader {
	n := schema.NumFields()
	r := &chunkReader{schema: schema, st: st, rows: max(rows, 1), bytes: make([]int, n)}
	r.recycle = arrowmem.NewRecycler(alloc, recycleMax)
	r.builders = make([]array.Builder, n)
	r.cols = make([]*arrowconv.Column, n)
	r.decs = make([]decoder, n)
	for i, f := range schema.Fields() {
		mem := alloc
		if recyclable(f.Type) {
			mem = r.recycle
		}
		r.builders[i] = array.NewBuilder(mem, f.Type)
		r.cols[i] = arrowconv.NewColumn(f.Name, r.builders[i])
		r.decs[i] = st.cols[i].decoder(r.cols[i])
	}
	r.refs.Store(1)
	return r
}

// Retain adds a reference to the reader.
func (r *chunkReader) Retain() { r.refs.Add(1) }

// Release drops a reference; the last one releases the current batch and,
// if the rows were not all read, stops the query.
func (r *chunkReader) Release() {
	if r.refs.Add(-1) != 0 {
		return
	}
	r.releaseCurrent()
	r.close()
	for _, b := range r.builders {
		b.Release()
	}
	r.recycle.Close()
}

// Schema returns the schema of the batches.
func (r *chunkReader) Schema() *arrow.Schema { return r.schema }

// Next reads the next batch, releasing the previous one. It returns false
// at the end of the rows or on an error (see Err); in both cases the query
// is closed at once.
func (r *chunkReader) Next() bool {
	r.releaseCurrent()
	if r.closed {
		return false
	}
	n, err := r.fill()
	if err != nil {
		r.err = err
		for _, b := range r.builders { // drop the partial batch
			b.NewArray().Release()
		}
		r.close()
		return false
	}
	if n < r.rows {
		r.close()
	}
	if n == 0 {
		return false
	}
	cols := make([]arrow.Array, len(r.builders))
	for i, b := range r.builders {
		if vb, ok := b.(dataReserver); ok {
			r.bytes[i] = vb.DataLen()
		}
		cols[i] = b.NewArray()
	}
	r.cur = array.NewRecordBatch(r.schema, cols, int64(n))
	for _, c := range cols {
		c.Release()
	}
	return true
}

// fill decodes up to r.rows rows and returns how many it decoded. After a
// full batch, the builders are reserved for a whole batch at once, and
// variable-width ones for as many bytes as the last batch held, rather
// than grown by doubling.
func (r *chunkReader) fill() (int, error) {
	if r.full {
		for i, b := range r.builders {
			b.Reserve(r.rows)
			if vb, ok := b.(dataReserver); ok {
				vb.ReserveData(r.bytes[i])
			}
		}
	}
	r.full = false
	st := r.st
	n := 0
	for n < r.rows {
		if st.pos == st.size {
			ok, err := st.next()
			if err != nil || !ok {
				return n, err
			}
		}
		k := min(r.rows-n, st.size-st.pos)
		for i, dec := range r.decs {
			if err := dec(r.cols[i], st.vector(i), st.pos, st.pos+k); err != nil {
				return n, fmt.Errorf("duckdb: %w", err)
			}
		}
		st.pos += k
		n += k
	}
	r.full = true
	return n, nil
}

// close closes the stream once, keeping its error if there was none before.
func (r *chunkReader) close() {
	if r.closed {
		return
	}
	r.closed = true
	if err := r.st.Close(); err != nil && r.err == nil {
		r.err = err
	}
}

// releaseCurrent releases the batch returned by the last Next.
func (r *chunkReader) releaseCurrent() {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
}

// RecordBatch returns the current batch. It is valid until the next call
// to Next or Release; Retain it to keep it longer.
func (r *chunkReader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record returns the current batch.
//
// Deprecated: Use RecordBatch instead.
func (r *chunkReader) Record() arrow.RecordBatch { return r.cur }

// Err returns the error that ended the rows, if any.
func (r *chunkReader) Err() error { return r.err }

var _ array.RecordReader = (*chunkReader)(nil)

// recyclable says whether the buffers of a column of type t may come from
// the reader's Recycler: fixed-width values, which arrow-go's Value
// returns by copy, so nothing outside the array keeps a view into its
// buffer after the batch is released.
func recyclable(t arrow.DataType) bool {
	switch t.ID() {
	case arrow.BOOL, arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64,
		arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64,
		arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64,
		arrow.DATE32, arrow.DATE64, arrow.TIME32, arrow.TIME64, arrow.TIMESTAMP, arrow.DURATION,
		arrow.DECIMAL128, arrow.DECIMAL256,
		arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO:
		return true
	}
	return false
}

// dataReserver is a builder of variable-width values (binary, string).
type dataReserver interface {
	DataLen() int
	ReserveData(n int)
}
