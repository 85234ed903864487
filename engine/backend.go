package engine

import (
	"context"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
)

// DefaultBatchSize is the number of rows per Arrow record batch when a
// query does not ask for another size.
const DefaultBatchSize = 64 * 1024

// DefaultTimeout is the time limit `assay run` gives each query when
// --timeout is not given. A Query's own zero Timeout means no limit.
const DefaultTimeout = 5 * time.Minute

// Backend is one database assay can run reports on. Each backend lives in
// its own package under engine/; engine/backends lists them in one table,
// by URL scheme, and opens the one a database URL names. There is no
// init-time registry.
type Backend interface {
	// Dialect is the SQL dialect the backend speaks; the engine renders
	// every plan it runs on the backend with it.
	Dialect() *dialect.Dialect
	// Reflect reads the tables, columns, keys and foreign keys of the database.
	Reflect(ctx context.Context) (*catalog.Catalog, error)
	// Query runs q in a read-only transaction whose execution in the
	// database is bounded by q.TimeLimit() and streams the result as record
	// batches of q.Schema. The caller must
	// Release the reader; releasing it early stops the query.
	Query(ctx context.Context, q Query) (array.RecordReader, error)
	// Close releases the connection pool or database handle.
	Close() error
}

// Query is one SQL statement to run with its bind arguments and the Arrow
// schema its rows must be converted to.
type Query struct {
	SQL string
	// Args are bind values in placeholder order: nil, bool, int64, float64,
	// string, time.Time (dates at UTC midnight), or Interval.
	Args []any
	// Schema is the result schema, one field per selected column, in order.
	// Backends convert native values to these types; they never change it.
	Schema *arrow.Schema
	// Alloc allocates every Arrow buffer of the result.
	Alloc memory.Allocator
	// BatchSize is the number of rows per record; 0 means DefaultBatchSize.
	BatchSize int
	// Timeout is the statement time limit: how long the database may spend
	// executing the query. On PostgreSQL it is the server's
	// statement_timeout, which counts until the last row has been sent; on
	// DuckDB it is the time spent inside DuckDB. The time the caller takes
	// to read and write the rows does not count otherwise. 0 (or less)
	// means no limit; engine.Run refuses a negative one.
	Timeout time.Duration
}

// RowsPerBatch returns the number of rows per record batch: q.BatchSize,
// or DefaultBatchSize when it is 0 or less.
func (q Query) RowsPerBatch() int {
	if q.BatchSize > 0 {
		return q.BatchSize
	}
	return DefaultBatchSize
}

// TimeLimit returns the statement time limit, 0 for none.
func (q Query) TimeLimit() time.Duration {
	return max(q.Timeout, 0)
}

// Interval is a bind value of SQL type interval.
type Interval struct {
	Months int32
	Days   int32
	Micros int64
}
