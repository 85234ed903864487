package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// rollbackTimeout bounds the rollback that ends every query.
const rollbackTimeout = 5 * time.Second

// Query runs q.SQL in a read-only transaction whose statement_timeout is
// q.TimeLimit() (0: none) and streams the rows as record batches of q.Schema. The
// first row is read before Query returns, so that errors of the statement
// itself (syntax, permissions, a write in the read-only transaction, the
// timeout of a slow query) come from Query rather than the reader, as do
// columns whose type does not convert to their field's type.
func (b *Backend) Query(ctx context.Context, q engine.Query) (array.RecordReader, error) {
	return b.query(ctx, q, nil)
}

// query runs q in a read-only transaction of its own on a pooled
// connection or, when outer is not nil, in a read-only savepoint of outer
// (a sandbox's transaction, whose temporary tables it then sees).
func (b *Backend) query(ctx context.Context, q engine.Query, outer pgx.Tx) (array.RecordReader, error) {
	if q.Schema == nil {
		return nil, fmt.Errorf("postgres: %w", ErrNoSchema)
	}
	alloc := q.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	// The limit is the server's: no client-side deadline, so that a slow
	// reader of rows the server has sent does not count.
	qctx, cancel := context.WithCancel(ctx)
	s := &source{b: b, parent: ctx, ctx: qctx, cancel: cancel, timeout: q.TimeLimit(), outer: outer}
	if err := s.start(q); err != nil {
		_ = s.Close()
		return nil, err
	}
	return arrowconv.NewReader(alloc, q.Schema, q.RowsPerBatch(), s), nil
}

// source is one running query: a pooled connection in a read-only
// transaction with open rows. It implements arrowconv.RowSource.
type source struct {
	b       *Backend
	parent  context.Context // the caller's context
	ctx     context.Context // parent, canceled when the query stops
	cancel  context.CancelFunc
	timeout time.Duration
	outer   pgx.Tx // the sandbox transaction the query runs in, or nil

	conn     *pgxpool.Conn
	tx       pgx.Tx
	rows     pgx.Rows
	cols     []resultColumn
	decoders []decoder
	sinks    []sink // bound on the first Next, to the reader's builders
	ahead    bool   // the first row was read by start and not yet appended
	finished bool   // the rows are exhausted or failed
}

// start acquires a connection, opens the transaction, runs the query and
// reads its first row.
func (s *source) start(q engine.Query) error {
	if err := s.begin(); err != nil {
		return s.fail(err)
	}
	var err error
	ms := q.TimeLimit().Milliseconds() // 0: PostgreSQL's "no limit"
	if q.TimeLimit() > 0 {
		ms = max(ms, 1)
	}
	// TimeZone UTC, as the DuckDB backend does: a timestamp compared with
	// a timestamp without time zone, and date_trunc on a timestamptz, must
	// not depend on the server's setting.
	if _, err = s.tx.Exec(s.ctx, fmt.Sprintf("SET LOCAL statement_timeout = %d; SET LOCAL TimeZone = 'UTC'", ms)); err != nil {
		return s.fail(err)
	}
	if s.rows, err = s.tx.Query(s.ctx, q.SQL, append([]any{binaryResults}, bindArgs(q.Args)...)...); err != nil {
		return s.fail(err)
	}
	if s.ahead = s.rows.Next(); !s.ahead {
		s.finished = true
		if err := s.rows.Err(); err != nil {
			return s.fail(err)
		}
	}
	return s.plan(q)
}

// begin opens the read-only transaction the query runs in: as a savepoint
// of the outer transaction (assay test's sandbox), made read-only until it
// is rolled back, or on a pooled connection.
//
// A pooled connection the server (or a proxy, or a firewall) closed while
// it sat idle fails on its first statement, BEGIN, before the query was
// sent: begin then drops it and takes another, as many times as the pool
// has connections, and the caller never sees the failure. pgxpool pings a
// connection idle for more than a second before handing it out; this
// covers those it does not ping. Nothing is retried once BEGIN has
// succeeded: a query that was sent, let alone one that returned rows, is
// never run again here (the run's retries, which rewrite a report from
// scratch, decide about those).
func (s *source) begin() error {
	if s.outer != nil {
		var err error
		if s.tx, err = s.outer.Begin(s.ctx); err != nil {
			return err
		}
		_, err = s.tx.Exec(s.ctx, "SET TRANSACTION READ ONLY")
		return err
	}
	tries := int(s.b.pool.Stat().MaxConns()) + 1
	for {
		var err error
		if s.conn, err = s.b.pool.Acquire(s.ctx); err != nil {
			return err
		}
		if s.tx, err = s.conn.BeginTx(s.ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly}); err == nil {
			return nil
		}
		tries--
		if tries <= 0 || s.ctx.Err() != nil || !s.conn.Conn().IsClosed() {
			return err
		}
		s.tx = nil
		s.conn.Release() // closed: the pool destroys it
		s.conn = nil
	}
}

// plan checks the result's columns against the schema and picks a decoder
// for each.
func (s *source) plan(q engine.Query) error {
	tm := s.tx.Conn().TypeMap()
	s.cols = resultColumns(tm, s.rows.FieldDescriptions())
	srcs := make([]arrowconv.Source, len(s.cols))
	for i, rc := range s.cols {
		srcs[i] = arrowconv.Source{Name: rc.name, Type: rc.typ}
	}
	if err := arrowconv.CheckAll(srcs, q.Schema); err != nil {
		return s.b.errf("postgres: %w", err)
	}
	s.decoders = make([]decoder, len(s.cols))
	for i, rc := range s.cols {
		s.decoders[i] = decoderFor(tm, rc)
	}
	return nil
}

// bindArgs converts engine bind values to values pgx encodes.
func bindArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case engine.Interval:
			out[i] = pgtype.Interval{Months: v.Months, Days: v.Days, Microseconds: v.Micros, Valid: true}
		default:
			out[i] = a
		}
	}
	return out
}

// Next appends the next row to cols.
func (s *source) Next(cols []*arrowconv.Column) (bool, error) {
	if s.ahead {
		s.ahead = false
	} else if s.finished || !s.rows.Next() {
		s.finished = true
		if err := s.rows.Err(); err != nil {
			return false, s.fail(err)
		}
		return false, nil
	}
	if s.sinks == nil {
		s.sinks = bindSinks(s.cols, s.decoders, cols)
	}
	for i, raw := range s.rows.RawValues() {
		if raw == nil {
			cols[i].AppendNull()
			continue
		}
		if err := s.sinks[i](raw); err != nil {
			return false, s.b.errf("postgres: %w", err)
		}
	}
	return true, nil
}

// Close stops the query if it is still running, rolls the transaction back
// and returns the connection to the pool.
func (s *source) Close() error {
	defer s.cancel()
	if s.rows != nil {
		if !s.finished {
			// Canceling the context makes pgx ask the server to cancel the
			// statement; Close then reads only up to the cancellation.
			s.cancel()
		}
		s.rows.Close()
	}
	if s.tx != nil {
		ctx, stop := context.WithTimeout(context.WithoutCancel(s.parent), rollbackTimeout)
		defer stop()
		// A failed rollback makes pgx close the connection, which the pool
		// then discards; there is nothing more to do about it.
		_ = s.tx.Rollback(ctx)
	}
	if s.conn != nil {
		s.conn.Release()
	}
	return nil
}

// fail wraps an error of the query, saying whether it was canceled by the
// caller or ran out of time.
func (s *source) fail(err error) error {
	switch {
	case s.parent.Err() != nil:
		return s.b.errf("postgres: query canceled: %w: %w", s.parent.Err(), err)
	case isTimeout(err):
		return s.b.errf("postgres: query exceeded its timeout of %s: %w: %w", s.timeout, context.DeadlineExceeded, err)
	}
	return s.b.errf("postgres: %w", err)
}

// isTimeout reports whether err is the server's statement timeout.
func isTimeout(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "57014" && strings.Contains(pgErr.Message, "statement timeout")
}
