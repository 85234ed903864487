//go:build !noduckdb

package duckdb

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
)

// benchListingRows is the size of the table BenchmarkQueryListing reads.
const benchListingRows = 1_000_000

// BenchmarkQueryListing reads a listing of the eight column types of
// bench/pgarrow through the backend into batches of the default size, as a
// raw report would, and reports the time and allocations per row:
//
//	go test ./engine/duckdb -run XXX -bench QueryListing -benchtime 3x
func BenchmarkQueryListing(b *testing.B) {
	be, _ := memoryDB(b, `CREATE TABLE t AS SELECT
		i::INTEGER AS id, i * 7919 AS big, i / 977.0 AS ratio,
		((i % 2000000) - 1000000) / 100.0::DECIMAL(12,2) AS amount,
		'label ' || (i % 100000) AS label, DATE '2019-01-01' + (i % 3000)::INTEGER AS day,
		TIMESTAMPTZ '2019-01-01 00:00:00+00' + i * INTERVAL 1 SECOND AS at, i % 2 = 0 AS flag
		FROM range(1000000) r(i)`)
	schema := schemaOf(b, be, "t")
	b.ReportAllocs()
	for b.Loop() {
		r, err := be.Query(context.Background(), engine.Query{SQL: `SELECT * FROM t`, Schema: schema, Alloc: memory.NewGoAllocator()})
		if err != nil {
			b.Fatal(err)
		}
		var n int64
		for r.Next() {
			if got := r.RecordBatch().NumRows(); got != engine.DefaultBatchSize && n+got != benchListingRows {
				b.Fatalf("batch of %d rows", got)
			}
			n += r.RecordBatch().NumRows()
		}
		if err := r.Err(); err != nil || n != benchListingRows {
			b.Fatalf("%d rows: %v", n, err)
		}
		r.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchListingRows), "ns/row")
}
