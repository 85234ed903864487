package mysql

import (
	"context"
	"database/sql"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// benchRows is the size of the benchmark's table.
const benchRows = 100_000

var benchSetup = []string{
	"SET SESSION max_recursive_iterations = 1000000",
	"CREATE TABLE facts (id BIGINT NOT NULL PRIMARY KEY, amount DECIMAL(12, 2), ratio DOUBLE, day DATE, name VARCHAR(40))",
	`INSERT INTO facts WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100000)
	 SELECT i, i * 1.25, i / 7, DATE '2024-01-01' + INTERVAL (i % 700) DAY, CONCAT('clinic-', i % 97) FROM s`,
}

const benchSQL = "SELECT id, amount, ratio, day, name FROM facts"

var benchSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "amount", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	{Name: "ratio", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "day", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// BenchmarkDecode reads the same 100,000 rows of five columns through
// the same prepared statement two ways: the backend's (reused
// destinations, RawBytes, sinks bound to the builders) and a naive scan
// into a fresh []any per row appended through arrowconv.Column.Append.
// Both include the server's work and the transfer over loopback.
func BenchmarkDecode(b *testing.B) {
	be, _ := open(b, benchSetup...)
	b.Run("backend", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			rr, err := be.Query(context.Background(), engine.Query{SQL: benchSQL, Schema: benchSchema, Alloc: memory.DefaultAllocator})
			if err != nil {
				b.Fatal(err)
			}
			n := int64(0)
			for rr.Next() {
				n += rr.RecordBatch().NumRows()
			}
			if rr.Err() != nil || n != benchRows {
				b.Fatalf("%d rows, %v", n, rr.Err())
			}
			rr.Release()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
	})
	b.Run("naive_any", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			n := naiveRead(b, be)
			if n != benchRows {
				b.Fatalf("%d rows", n)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchRows), "ns/row")
	})
}

// naiveSource scans each row into a new []any.
type naiveSource struct{ rows *sql.Rows }

func (s *naiveSource) Next(cols []*arrowconv.Column) (bool, error) {
	if !s.rows.Next() {
		return false, s.rows.Err()
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := s.rows.Scan(ptrs...); err != nil {
		return false, err
	}
	for i, v := range vals {
		if b, ok := v.([]byte); ok && i == 1 { // DECIMAL text
			n, scale, _ := bigDecimal(b)
			if err := cols[i].AppendDecimal(n, scale); err != nil {
				return false, err
			}
			continue
		}
		if b, ok := v.([]byte); ok {
			v = string(b)
		}
		if err := cols[i].Append(v); err != nil {
			return false, err
		}
	}
	return true, nil
}

func (s *naiveSource) Close() error { return s.rows.Close() }

// naiveRead reads the benchmark's rows the naive way and counts them.
func naiveRead(b *testing.B, be *Backend) int64 {
	ctx := context.Background()
	conn, err := be.db.Conn(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close()
	stmt, err := conn.PrepareContext(ctx, benchSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	rows, err := stmt.QueryContext(ctx)
	if err != nil {
		b.Fatal(err)
	}
	rr := arrowconv.NewReader(memory.DefaultAllocator, benchSchema, engine.DefaultBatchSize, &naiveSource{rows: rows})
	defer rr.Release()
	n := int64(0)
	for rr.Next() {
		n += rr.RecordBatch().NumRows()
	}
	if rr.Err() != nil {
		b.Fatal(rr.Err())
	}
	return n
}
