//go:build !noduckdb

package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/duckdb"
	"github.com/assay-dev/assay/reports"
)

// export runs one assay export in this process: the table of o.rows rows
// read by the DuckDB backend into Arrow batches, which are discarded or
// written to o.out through the reports writer of o.target, atomically, as
// `assay run -o FILE` does, read one batch ahead of the writer as assay
// reads them (unless o.serial). It prints the rows and seconds taken.
func export(ctx context.Context, o options) error {
	path := dbPath(o.dir, o.rows)
	if o.options != "" {
		path += "?" + o.options
	}
	b, err := duckdb.Open(ctx, path)
	if err != nil {
		return err
	}
	defer b.Close()
	schema, err := tableSchema(ctx, b)
	if err != nil {
		return err
	}
	var alloc memory.Allocator = memory.NewGoAllocator()
	if o.pool {
		alloc = newPoolAllocator()
	}
	start := time.Now()
	rr, err := b.Query(ctx, engine.Query{SQL: `SELECT * FROM t`, Schema: schema, Alloc: alloc, BatchSize: o.batch})
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
func tableSchema(ctx context.Context, b *duckdb.Backend) (*arrow.Schema, error) {
	cat, err := b.Reflect(ctx)
	if err != nil {
		return nil, err
	}
	t, ok := cat.Lookup("", "t")
	if !ok {
		return nil, fmt.Errorf("no table t: run `duckarrow load` first")
	}
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c.Name, Type: engine.ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}

// copyOut runs DuckDB's own export, the baseline: COPY (SELECT * FROM t)
// TO o.out in the format o.target, on the file opened read-only through
// database/sql with DuckDB's default settings. It prints the seconds taken.
func copyOut(ctx context.Context, o options) error {
	db, err := sql.Open("duckdb", dbPath(o.dir, o.rows)+"?access_mode=READ_ONLY")
	if err != nil {
		return err
	}
	defer db.Close()
	format := map[string]string{"csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet"}[o.target]
	if format == "" {
		return fmt.Errorf("copy: unknown target %q", o.target)
	}
	start := time.Now()
	// The path is the benchmark's own; DuckDB's COPY cannot bind it.
	stmt := fmt.Sprintf(`COPY (SELECT * FROM t) TO '%s' (%s)`, strings.ReplaceAll(o.out, "'", "''"), format)
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		return err
	}
	fmt.Printf("%d %.6f\n", o.rows, time.Since(start).Seconds())
	return nil
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
