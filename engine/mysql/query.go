package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// Server error numbers the backend tells apart.
const (
	errQueryInterrupted = 1317 // ER_QUERY_INTERRUPTED: KILL QUERY
	errStatementTimeout = 1969 // MariaDB's max_statement_time
	errQueryTimeout     = 3024 // MySQL's max_execution_time
)

// endTimeout bounds the statements that end a query: KILL QUERY and the
// ROLLBACK.
const endTimeout = 5 * time.Second

// badConnRetries is how many pooled connections a query tries when the
// server closed them while idle (wait_timeout) before it gives up.
const badConnRetries = 3

// ErrInterval reports an interval bind value, which MySQL has no type for.
var ErrInterval = errors.New("MySQL has no interval type to bind")

// ErrNotQuery reports a statement that is not a SELECT. The READ ONLY
// transaction refuses writes, but MySQL lets a statement such as SET
// SESSION change the pooled connection for the next query.
var ErrNotQuery = errors.New("only SELECT and WITH statements run on MySQL")

// isQuery reports whether sql starts, after blanks, comments and opening
// parentheses, with SELECT or WITH.
func isQuery(sql string) bool {
	s := sql
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		switch {
		case strings.HasPrefix(s, "/*"):
			end := strings.Index(s[2:], "*/")
			if end < 0 || strings.HasPrefix(s, "/*!") || strings.HasPrefix(s, "/*M!") {
				// Executable comments run their content on MySQL.
				return false
			}
			s = s[end+4:]
		case strings.HasPrefix(s, "-- "), strings.HasPrefix(s, "#"):
			nl := strings.IndexByte(s, '\n')
			if nl < 0 {
				return false
			}
			s = s[nl+1:]
		default:
			word := strings.ToUpper(s[:min(len(s), 7)])
			return strings.HasPrefix(word, "SELECT") && !isWordByte(s, 6) || strings.HasPrefix(word, "WITH") && !isWordByte(s, 4)
		}
	}
}

// isWordByte reports whether s[i] continues a word.
func isWordByte(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	c := s[i]
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Query runs q.SQL as a server-side prepared statement in a READ ONLY
// transaction whose execution is bounded by q.TimeLimit() (0: none) and
// streams the rows as record batches of q.Schema. The first row is read
// before Query returns, so that errors of the statement itself come from
// Query rather than the reader. Canceling ctx or releasing the reader
// early sends the server KILL QUERY for the statement's connection.
func (b *Backend) Query(ctx context.Context, q engine.Query) (array.RecordReader, error) {
	return b.query(ctx, q, nil)
}

// query runs q on a pooled connection in a READ ONLY transaction of its
// own, or, when fixed is set, on that connection in the transaction
// already open there (a Sandbox's), which it neither commits nor ends.
func (b *Backend) query(ctx context.Context, q engine.Query, fixed *sql.Conn) (array.RecordReader, error) {
	if q.Schema == nil {
		return nil, fmt.Errorf("mysql: %w", ErrNoSchema)
	}
	if !isQuery(q.SQL) {
		return nil, fmt.Errorf("mysql: %w", ErrNotQuery)
	}
	alloc := q.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	s := &source{b: b, parent: ctx, timeout: q.TimeLimit(), fixed: fixed}
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
	parent  context.Context // the caller's context; its end kills the query
	timeout time.Duration

	conn  *sql.Conn
	fixed *sql.Conn // a sandbox's connection, whose transaction is open
	id    uint64    // the connection's id on the server
	stmt  *sql.Stmt
	rows  *sql.Rows
	tx    bool // START TRANSACTION succeeded
	watch func() bool

	mu       sync.Mutex    // guards running against the watcher
	running  bool          // the statement may still be executing on the server
	done     chan struct{} // closed when the statement has ended
	doneOnce sync.Once

	dec      *decoder
	ahead    bool // the first row was read by start and not yet appended
	finished bool // the rows are exhausted or failed
}

// driverCtx is the context of every driver call: never canceled, so that
// the driver does not drop the connection when the caller cancels. The
// caller's cancellation reaches the server as KILL QUERY instead, and the
// driver sees the statement end with an error.
func (s *source) driverCtx() context.Context { return context.WithoutCancel(s.parent) }

// start acquires a connection, opens the transaction, prepares and runs
// the statement and reads its first row.
func (s *source) start(q engine.Query) error {
	args, err := bindArgs(q.Args)
	if err != nil {
		return s.b.errf("mysql: %w", err)
	}
	if err := s.acquire(); err != nil {
		return s.fail(err)
	}
	dctx := s.driverCtx()
	sqlText := q.SQL
	if s.b.mariadb {
		if s.timeout > 0 {
			sqlText = "SET STATEMENT max_statement_time=" + seconds(s.timeout) + " FOR " + sqlText
		}
	} else if _, err := s.conn.ExecContext(dctx, "SET SESSION max_execution_time = "+strconv.FormatInt(millis(s.timeout), 10)); err != nil {
		return s.fail(err)
	}
	if s.stmt, err = s.conn.PrepareContext(dctx, sqlText); err != nil {
		return s.fail(err)
	}
	s.done = make(chan struct{})
	s.mu.Lock()
	s.running = true
	s.mu.Unlock()
	s.watch = context.AfterFunc(s.parent, s.killUntilEnded)
	if s.rows, err = s.stmt.QueryContext(dctx, args...); err != nil {
		s.ended()
		return s.fail(err)
	}
	if s.dec, err = newDecoder(s.rows, q.Schema); err != nil {
		return s.b.errf("mysql: %w", err)
	}
	if s.ahead = s.rows.Next(); !s.ahead {
		s.finished = true
		s.ended()
		if err := s.rows.Err(); err != nil {
			return s.fail(err)
		}
	}
	return nil
}

// acquire takes a connection from the pool and starts the read-only
// transaction on it. A connection the server closed while it was idle
// fails its first command with driver.ErrBadConn before sending anything;
// it is dropped and the next one tried.
func (s *source) acquire() error {
	if s.fixed != nil {
		s.conn = s.fixed
		return s.readID()
	}
	var err error
	for range badConnRetries {
		if s.conn, err = s.b.db.Conn(s.parent); err != nil {
			return err
		}
		if _, err = s.conn.ExecContext(s.driverCtx(), "START TRANSACTION READ ONLY"); err == nil {
			s.tx = true
			return s.readID()
		}
		_ = s.conn.Close()
		s.conn = nil
		if !errors.Is(err, driver.ErrBadConn) {
			return err
		}
	}
	return err
}

// readID reads the server's id of the statement's connection.
func (s *source) readID() error {
	return s.conn.Raw(func(dc any) error {
		c, ok := dc.(*conn)
		if !ok {
			return errNotDriver
		}
		s.id = c.id
		return nil
	})
}

// seconds spells d in seconds for max_statement_time, at least 1µs.
func seconds(d time.Duration) string {
	return strconv.FormatFloat(max(d.Seconds(), 1e-6), 'f', 6, 64)
}

// millis spells d in milliseconds for max_execution_time (0: none).
func millis(d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return max(d.Milliseconds(), 1)
}

// bindArgs converts engine bind values to values the driver binds.
func bindArgs(args []any) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case engine.Interval:
			return nil, fmt.Errorf("bind value %d: %w", i+1, ErrInterval)
		case time.Time:
			out[i] = v.UTC()
		default:
			out[i] = a
		}
	}
	return out, nil
}

// killRetry bounds how long the watcher goes on sending KILL QUERY.
const killRetry = time.Minute

// killUntilEnded runs when the caller's context ends: it sends KILL QUERY
// until the statement has ended. One is not always enough: a KILL that
// arrives before the server has started the statement (the context ended
// while it was being sent) finds the connection idle and is lost.
func (s *source) killUntilEnded() {
	delay := 50 * time.Millisecond
	for start := time.Now(); time.Since(start) < killRetry; delay = min(2*delay, time.Second) {
		s.kill()
		select {
		case <-s.done:
			return
		case <-time.After(delay):
		}
	}
}

// ended records that the statement has ended on the server.
func (s *source) ended() {
	s.mu.Lock()
	s.running = false
	s.mu.Unlock()
	if s.done != nil {
		s.doneOnce.Do(func() { close(s.done) })
	}
}

// kill stops the statement on the server, if it is still running. A KILL
// QUERY that finds the connection between statements does nothing (the
// next statement runs normally).
func (s *source) kill() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.running {
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(s.parent), endTimeout)
	defer cancel()
	// The id is the server's number, not text from outside.
	_, _ = s.b.db.ExecContext(ctx, "KILL QUERY "+strconv.FormatUint(s.id, 10))
}

// Next appends the next row to cols.
func (s *source) Next(cols []*arrowconv.Column) (bool, error) {
	if s.ahead {
		s.ahead = false
	} else if s.finished || !s.rows.Next() {
		s.finished = true
		s.ended()
		if err := s.rows.Err(); err != nil {
			return false, s.fail(err)
		}
		return false, nil
	}
	if err := s.dec.row(s.rows, cols); err != nil {
		return false, s.b.errf("mysql: %w", err)
	}
	return true, nil
}

// Close stops the statement if it is still running, rolls the transaction
// back and returns the connection to the pool; a sandbox's connection
// stays as it is, with the sandbox.
func (s *source) Close() error {
	if s.watch != nil {
		s.watch()
	}
	if s.rows != nil {
		if !s.finished {
			// The driver would read the rest of the result: stop it on
			// the server first, so that only the rows already sent are read.
			s.kill()
		}
		_ = s.rows.Close()
	}
	s.ended()
	if s.stmt != nil {
		_ = s.stmt.Close()
	}
	if s.conn != nil && s.fixed == nil {
		ok := true
		if s.tx {
			ctx, cancel := context.WithTimeout(s.driverCtx(), endTimeout)
			_, err := s.conn.ExecContext(ctx, "ROLLBACK")
			cancel()
			ok = err == nil
		}
		if !ok {
			// A connection in an unknown state is not given back.
			_ = s.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		_ = s.conn.Close()
	}
	return nil
}

// fail wraps an error of the query, saying whether it was canceled by the
// caller or ran out of time.
func (s *source) fail(err error) error {
	switch {
	case s.parent.Err() != nil:
		return s.b.errf("mysql: query canceled: %w: %w", s.parent.Err(), err)
	case isTimeout(err):
		return s.b.errf("mysql: query exceeded its timeout of %s: %w: %w", s.timeout, context.DeadlineExceeded, err)
	}
	return s.b.errf("mysql: %w", err)
}

// isTimeout reports whether err is the server's statement time limit.
func isTimeout(err error) bool {
	var me *mysqldriver.MySQLError
	return errors.As(err, &me) && (me.Number == errStatementTimeout || me.Number == errQueryTimeout)
}
