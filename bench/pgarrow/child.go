package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/postgres"
	"github.com/assay-dev/assay/reports"
)

// exportOptions are the flags of one measured assay export.
type exportOptions struct {
	url    string
	rows   int
	target string // "batches" or a reports format name
	out    string // the output file of a format
	batch  int
	serial bool // read each batch only once the writer is done with the last
}

// export runs one assay export in this process: the table of o.rows rows
// read by the PostgreSQL backend into Arrow batches, which are discarded
// or written to o.out through the reports writer of o.target, atomically,
// as `assay run -o FILE` does, read one batch ahead of the writer as assay
// reads them (unless o.serial). It prints the rows and seconds taken.
func export(ctx context.Context, o exportOptions) error {
	b, err := postgres.Open(ctx, o.url)
	if err != nil {
		return err
	}
	defer b.Close()
	schema, err := tableSchema(ctx, b, tableName(o.rows))
	if err != nil {
		return err
	}
	alloc := memory.NewGoAllocator()
	start := time.Now()
	rr, err := b.Query(ctx, engine.Query{
		SQL: `SELECT * FROM ` + qualified(o.rows), Schema: schema, Alloc: alloc,
		BatchSize: o.batch, Timeout: time.Hour,
	})
	if err != nil {
		return err
	}
	defer rr.Release()
	if !o.serial { // as `assay run` reads: one batch ahead of the writer
		ahead := reports.Tee(rr, 1)[0]
		defer ahead.Release()
		rr = ahead
	}
	var n int64
	if o.target == "batches" {
		n, err = discard(rr)
	} else {
		f, perr := reports.ParseFormat(o.target)
		if perr != nil {
			return perr
		}
		counted := &countingReader{RecordReader: rr}
		err = reports.WriteFileAtomic(o.out, func(w io.Writer) error { return f.Write(w, counted, alloc) })
		n = counted.rows
	}
	if err != nil {
		return err
	}
	fmt.Printf("%d %.6f\n", n, time.Since(start).Seconds())
	return nil
}

// tableSchema reflects the benchmark table and returns the result schema
// the compiler would give a listing of all its columns.
func tableSchema(ctx context.Context, b *postgres.Backend, table string) (*arrow.Schema, error) {
	cat, err := b.Reflect(ctx)
	if err != nil {
		return nil, err
	}
	t, ok := cat.Lookup(benchSchema, table)
	if !ok {
		return nil, fmt.Errorf("no table %s.%s: run `pgarrow load` first", benchSchema, table)
	}
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: engine.ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}

// discard reads every batch and returns the number of rows.
func discard(rr array.RecordReader) (int64, error) {
	var n int64
	for rr.Next() {
		n += rr.RecordBatch().NumRows()
	}
	return n, rr.Err()
}

// countingReader counts the rows read through it.
type countingReader struct {
	array.RecordReader
	rows int64
}

func (c *countingReader) Next() bool {
	if !c.RecordReader.Next() {
		return false
	}
	c.rows += c.RecordBatch().NumRows()
	return true
}
