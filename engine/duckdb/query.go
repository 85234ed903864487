//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdbgo "github.com/duckdb/duckdb-go/v2"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// rollbackTimeout bounds the rollback that ends every query.
const rollbackTimeout = 5 * time.Second

// Query runs q.SQL on a dedicated connection in a read-only transaction,
// bounded by q.TimeLimit() of time spent inside DuckDB (a timeLimit
// cancels the query's context, which interrupts the running statement), and streams the rows as
// record batches of q.Schema.
//
// A result whose columns are all of types the streaming path decodes (see
// coltype.go) is executed through DuckDB's C API as a streaming result and
// decoded a data chunk at a time, vector by vector, into the batches; the
// context's end interrupts the running query. Any other result is read row
// by row through database/sql (duckdb-go interrupts that one).
func (b *Backend) Query(ctx context.Context, q engine.Query) (array.RecordReader, error) {
	if q.Schema == nil {
		return nil, fmt.Errorf("duckdb: %w", ErrNoSchema)
	}
	alloc := q.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	qctx, cancel := context.WithCancel(ctx)
	s := &source{parent: ctx, ctx: qctx, cancel: cancel, limit: newTimeLimit(q.TimeLimit(), cancel), utc: b.utc}
	if err := s.begin(b.db); err != nil {
		_ = s.Close()
		return nil, err
	}
	st, err := s.openStream(q)
	switch {
	case err == nil:
		return newChunkReader(alloc, q.Schema, q.RowsPerBatch(), st), nil
	case !errors.Is(err, errRowPath):
		_ = s.Close()
		return nil, err
	}
	if err := s.query(q); err != nil {
		_ = s.Close()
		return nil, err
	}
	return arrowconv.NewReader(alloc, q.Schema, q.RowsPerBatch(), s), nil
}

// source is one running query: the session (connection, time zone,
// transaction) and, on the row path, its rows. On the row path it
// implements arrowconv.RowSource.
type source struct {
	parent context.Context // the caller's context
	ctx    context.Context // parent, canceled by the time limit or Close
	cancel context.CancelFunc
	limit  *timeLimit

	conn  *sql.Conn
	utc   bool // the database's time zone is UTC already (and locked)
	inUTC bool // the session time zone was set to UTC
	inTx  bool
	rows  *sql.Rows
	kinds []catalog.Kind
	vals  []any
	ptrs  []any
}

// begin takes a connection, sets its time zone and begins the transaction.
func (s *source) begin(db *sql.DB) error {
	s.limit.enter()
	defer s.limit.leave()
	var err error
	if s.conn, err = db.Conn(s.ctx); err != nil {
		return s.fail(err)
	}
	// Bound time.Time values are TIMESTAMPTZ; casting one to DATE uses the
	// session time zone, which must be UTC for dates at UTC midnight.
	if !s.utc {
		if _, err = s.conn.ExecContext(s.ctx, "SET SESSION TimeZone = 'UTC'"); err != nil {
			return s.fail(err)
		}
		s.inUTC = true
	}
	if _, err = s.conn.ExecContext(s.ctx, "BEGIN TRANSACTION READ ONLY"); err != nil {
		return s.fail(err)
	}
	s.inTx = true
	return nil
}

// query runs q on the row path.
func (s *source) query(q engine.Query) error {
	s.limit.enter()
	defer s.limit.leave()
	var err error
	if s.rows, err = s.conn.QueryContext(s.ctx, q.SQL, bindArgs(q.Args)...); err != nil {
		return s.fail(err)
	}
	return s.plan(q)
}

// plan checks the result's columns against the schema.
func (s *source) plan(q engine.Query) error {
	cts, err := s.rows.ColumnTypes()
	if err != nil {
		return s.fail(err)
	}
	srcs := make([]arrowconv.Source, len(cts))
	s.kinds = make([]catalog.Kind, len(cts))
	for i, ct := range cts {
		srcs[i] = arrowconv.Source{Name: ct.Name(), Type: typeOf(ct.DatabaseTypeName())}
		s.kinds[i] = srcs[i].Type.Kind
	}
	if err := arrowconv.CheckAll(srcs, q.Schema); err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	s.vals = make([]any, len(cts))
	s.ptrs = make([]any, len(cts))
	for i := range s.vals {
		s.ptrs[i] = &s.vals[i]
	}
	return nil
}

// bindArgs converts engine bind values to values duckdb-go binds.
func bindArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case engine.Interval:
			out[i] = duckdbgo.Interval{Months: v.Months, Days: v.Days, Micros: v.Micros}
		default:
			out[i] = a
		}
	}
	return out
}

// Next scans the next row and appends it to cols.
func (s *source) Next(cols []*arrowconv.Column) (bool, error) {
	s.limit.enter()
	more := s.rows.Next()
	s.limit.leave()
	if !more {
		if err := s.rows.Err(); err != nil {
			return false, s.fail(err)
		}
		return false, nil
	}
	if err := s.rows.Scan(s.ptrs...); err != nil {
		return false, s.fail(err)
	}
	for i, v := range s.vals {
		if err := appendValue(cols[i], s.kinds[i], v); err != nil {
			return false, fmt.Errorf("duckdb: %w", err)
		}
	}
	return true, nil
}

// Close closes the rows, rolls the transaction back, resets the time zone
// and returns the connection to the pool. A connection that cannot be reset
// is discarded rather than returned with a transaction still open.
func (s *source) Close() error {
	defer s.cancel()
	var err error
	if s.rows != nil {
		err = s.rows.Close()
	}
	if s.conn == nil {
		return nil
	}
	if !s.reset() {
		_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	if cerr := s.conn.Close(); err == nil && cerr != nil && !errors.Is(cerr, sql.ErrConnDone) {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("duckdb: closing the query: %w", err)
	}
	return nil
}

// reset undoes what start did to the connection's session and reports
// whether it succeeded.
func (s *source) reset() bool {
	ctx, stop := context.WithTimeout(context.WithoutCancel(s.parent), rollbackTimeout)
	defer stop()
	if s.inTx {
		if _, err := s.conn.ExecContext(ctx, "ROLLBACK"); err != nil {
			return false
		}
	}
	if s.inUTC {
		if _, err := s.conn.ExecContext(ctx, "RESET SESSION TimeZone"); err != nil {
			return false
		}
	}
	return true
}

// fail wraps an error of the query, saying whether it was canceled by the
// caller or ran out of time.
func (s *source) fail(err error) error {
	switch {
	case s.parent.Err() != nil:
		return fmt.Errorf("duckdb: query canceled: %w: %w", s.parent.Err(), err)
	case s.limit.exceeded():
		return fmt.Errorf("duckdb: query exceeded its timeout of %s: %w: %w", s.limit.limit, context.DeadlineExceeded, err)
	}
	return fmt.Errorf("duckdb: %w", err)
}

// appendValue appends one value scanned from duckdb-go to c. The driver
// returns int8…int64, unsigned integers, float32/64, bool, string, []byte
// (BLOB and UUID), time.Time (DATE at midnight UTC, TIMESTAMP as its wall
// clock in UTC, TIMESTAMPTZ as the instant), *big.Int (HUGEINT),
// duckdbgo.Decimal, duckdbgo.Interval, and for JSON the decoded document.
// Everything but the driver's own types goes to arrowconv as is.
func appendValue(c *arrowconv.Column, kind catalog.Kind, v any) error {
	switch v := v.(type) {
	case nil:
		c.AppendNull()
		return nil
	case duckdbgo.Decimal:
		return c.AppendDecimal(v.Value, int32(v.Scale))
	case duckdbgo.Interval:
		return c.AppendIntervalMicros(v.Months, v.Days, v.Micros)
	case duckdbgo.UUID:
		return c.AppendUUID(arrowconv.UUID(v))
	case []byte:
		if kind == catalog.UUID && len(v) == 16 {
			return c.AppendUUID(arrowconv.UUID(v))
		}
	}
	if kind == catalog.JSON {
		return appendJSON(c, v)
	}
	return c.Append(v)
}

// appendJSON appends a JSON value as its text. duckdb-go decodes JSON
// columns, so the text is encoded again: object keys come out sorted and
// numbers as float64 (a SQL cast of the column to VARCHAR keeps the text
// exactly as stored).
func appendJSON(c *arrowconv.Column, v any) error {
	text, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("column %q: encoding a JSON value: %w", c.Name(), err)
	}
	return c.AppendText(text)
}
