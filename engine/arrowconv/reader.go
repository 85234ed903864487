package arrowconv

import (
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// RowSource is one open database result, read a row at a time. Backends
// implement it over their driver's rows.
type RowSource interface {
	// Next appends the next row to cols, one value per column, and reports
	// whether there was a row. At the end of the rows it returns false and
	// a nil error.
	Next(cols []*Column) (bool, error)
	// Close ends the query and frees what it holds (rows, transaction,
	// connection). The Reader calls it exactly once: at the end of the
	// rows, after an error, or when released before the end, in which case
	// Close must stop the query.
	Close() error
}

// Reader is an array.RecordReader that fills record batches of a fixed
// number of rows from a RowSource. It reads the next batch only when Next
// is called, so at most one batch is held in memory. A Reader is not safe
// for concurrent use.
type Reader struct {
	refs   atomic.Int64
	schema *arrow.Schema
	rb     *array.RecordBuilder
	cols   []*Column
	src    RowSource
	rows   int
	cur    arrow.RecordBatch
	err    error
	closed bool
	full   bool // a batch of r.rows rows was read: reserve the next one whole
}

// NewReader returns a Reader of batches of up to rows rows of schema,
// allocated by alloc and filled from src. The caller must have checked the
// source's columns against schema (see CheckAll). The Reader owns src.
func NewReader(alloc memory.Allocator, schema *arrow.Schema, rows int, src RowSource) *Reader {
	rb := array.NewRecordBuilder(alloc, schema)
	cols := make([]*Column, schema.NumFields())
	for i, f := range schema.Fields() {
		cols[i] = NewColumn(f.Name, rb.Field(i))
	}
	r := &Reader{schema: schema, rb: rb, cols: cols, src: src, rows: max(rows, 1)}
	r.refs.Store(1)
	return r
}

// Retain adds a reference to the reader.
func (r *Reader) Retain() { r.refs.Add(1) }

// Release drops a reference; the last one releases the current batch and,
// if the rows were not all read, stops the query through the source.
func (r *Reader) Release() {
	if r.refs.Add(-1) != 0 {
		return
	}
	r.releaseCurrent()
	r.close()
	r.rb.Release()
}

// Schema returns the schema of the batches.
func (r *Reader) Schema() *arrow.Schema { return r.schema }

// Next reads the next batch, releasing the previous one. It returns false
// at the end of the rows or on an error (see Err); in both cases the source
// is closed at once.
func (r *Reader) Next() bool {
	r.releaseCurrent()
	if r.closed {
		return false
	}
	n, err := r.fill()
	if err != nil {
		r.err = err
		r.discard()
		r.close()
		return false
	}
	if n < r.rows {
		r.close()
	}
	if n == 0 {
		return false
	}
	r.cur = r.rb.NewRecordBatch()
	return true
}

// fill appends up to r.rows rows and returns how many it appended. Once a
// batch has come back full, the builders of the next one are reserved for
// r.rows values at once rather than grown by doubling; a small result never
// pays for a whole batch.
func (r *Reader) fill() (int, error) {
	if r.full {
		for _, b := range r.rb.Fields() {
			b.Reserve(r.rows)
		}
	}
	r.full = false
	for n := 0; n < r.rows; n++ {
		ok, err := r.src.Next(r.cols)
		if err != nil || !ok {
			return n, err
		}
	}
	r.full = true
	return r.rows, nil
}

// discard drops the rows of a partly filled batch, whose columns may have
// different lengths when a row failed halfway.
func (r *Reader) discard() {
	for _, b := range r.rb.Fields() {
		b.NewArray().Release()
	}
}

// close closes the source once, keeping its error if there was none before.
func (r *Reader) close() {
	if r.closed {
		return
	}
	r.closed = true
	if err := r.src.Close(); err != nil && r.err == nil {
		r.err = err
	}
}

// releaseCurrent releases the batch returned by the last Next.
func (r *Reader) releaseCurrent() {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
}

// RecordBatch returns the current batch. It is valid until the next call
// to Next or Release; Retain it to keep it longer.
func (r *Reader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record returns the current batch.
//
// Deprecated: Use RecordBatch instead.
func (r *Reader) Record() arrow.RecordBatch { return r.cur }

// Err returns the error that ended the rows, if any.
func (r *Reader) Err() error { return r.err }

var _ array.RecordReader = (*Reader)(nil)
