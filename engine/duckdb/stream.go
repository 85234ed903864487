//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"unsafe"

	bindings "github.com/duckdb/duckdb-go-bindings"
	duckdbgo "github.com/duckdb/duckdb-go/v2"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// errRowPath reports that a query's result has a column the streaming
// path does not decode; the query runs on the row path instead.
var errRowPath = errors.New("result needs the row path")

// stream is one query running on DuckDB's streaming result API through
// the C API: the statement duckdb-go prepared and bound on the session's
// connection, executed streaming, its result fetched a data chunk (2,048
// rows) at a time. It owns the source (the session) and closes it.
type stream struct {
	src   *source
	conn  bindings.Connection
	stmt  driver.Stmt // duckdb-go's statement, which owns the C one
	cols  []columnType
	res   bindings.Result
	open  bool // res holds a result
	chunk bindings.DataChunk
	size  int // rows of chunk
	pos   int // next row of chunk to decode

	mu        sync.Mutex // orders interrupt against the end of the query
	ended     bool       // the query is over: no interrupt may reach the connection
	disarmCtx func() bool
}

// openStream starts q streaming on the session's connection. It returns
// errRowPath, with nothing left open but the session, when the result has
// a type the streaming path does not decode or duckdb-go's handles cannot
// be reached.
func (s *source) openStream(q engine.Query) (*stream, error) {
	var dc driver.Conn
	if err := s.conn.Raw(func(c any) error { dc, _ = c.(driver.Conn); return nil }); err != nil {
		return nil, s.fail(err)
	}
	// The driver connection is used after Raw returns: the session's
	// sql.Conn stays checked out, and used by nothing else, until the
	// stream has ended.
	conn, err := rawConn(dc)
	if err != nil {
		return nil, errRowPath
	}
	st := &stream{src: s, conn: conn}
	if err := st.start(dc, q); err != nil {
		st.release()
		return nil, err
	}
	return st, nil
}

// start prepares, binds and executes q, then fetches the first chunk so
// that errors and timeouts of the execution surface now.
func (st *stream) start(dc driver.Conn, q engine.Query) error {
	st.src.limit.enter()
	defer st.src.limit.leave()
	ps, err := st.prepare(dc, q)
	if err != nil {
		return err
	}
	var pending bindings.PendingResult
	if bindings.PendingPreparedStreaming(ps, &pending) == bindings.StateError {
		msg := bindings.PendingError(pending)
		bindings.DestroyPending(&pending)
		return st.src.fail(errors.New(msg))
	}
	// Armed once the query has begun: DuckDB clears an interrupt when a
	// query begins, so one sent earlier would be lost.
	st.disarmCtx = context.AfterFunc(st.src.ctx, st.interrupt)
	state := bindings.ExecutePending(pending, &st.res)
	bindings.DestroyPending(&pending)
	st.open = true
	if state == bindings.StateError {
		return st.src.fail(errors.New(bindings.ResultError(&st.res)))
	}
	if err := st.readColumns(q); err != nil {
		return err
	}
	_, err = st.next()
	return err
}

// prepare has duckdb-go prepare q.SQL and bind q.Args (so values bind
// exactly as on the row path) and returns the C statement. It returns
// errRowPath when a column of the prepared result is of a type the
// streaming path does not decode.
func (st *stream) prepare(dc driver.Conn, q engine.Query) (bindings.PreparedStatement, error) {
	pc, ok := dc.(driver.ConnPrepareContext)
	if !ok {
		return bindings.PreparedStatement{}, errRowPath
	}
	ds, err := pc.PrepareContext(st.src.ctx, q.SQL)
	if err != nil {
		return bindings.PreparedStatement{}, st.src.fail(err)
	}
	st.stmt = ds
	ps, err := rawStatement(ds)
	if err != nil || !streamable(ps) {
		return bindings.PreparedStatement{}, errRowPath
	}
	if err := ds.(*duckdbgo.Stmt).Bind(namedArgs(q.Args)); err != nil {
		return bindings.PreparedStatement{}, st.src.fail(err)
	}
	return ps, nil
}

// streamable reports whether every column of the prepared statement's
// result is of a type the streaming path decodes.
func streamable(ps bindings.PreparedStatement) bool {
	n := int(bindings.PreparedStatementColumnCount(ps))
	for i := 0; i < n; i++ {
		lt := bindings.PreparedStatementColumnLogicalType(ps, bindings.IdxT(i))
		_, ok := readColumnType(lt)
		bindings.DestroyLogicalType(&lt)
		if !ok {
			return false
		}
	}
	return true
}

// namedArgs converts engine bind values to duckdb-go's named values.
func namedArgs(args []any) []driver.NamedValue {
	vals := bindArgs(args)
	out := make([]driver.NamedValue, len(vals))
	for i, v := range vals {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

// readColumns reads the result's column types and checks them against the
// schema as the row path does.
func (st *stream) readColumns(q engine.Query) error {
	n := int(bindings.ColumnCount(&st.res))
	st.cols = make([]columnType, n)
	srcs := make([]arrowconv.Source, n)
	for i := range st.cols {
		lt := bindings.ColumnLogicalType(&st.res, bindings.IdxT(i))
		ct, ok := readColumnType(lt)
		bindings.DestroyLogicalType(&lt)
		if !ok {
			return errRowPath
		}
		st.cols[i] = ct
		srcs[i] = ct.source(bindings.ColumnName(&st.res, bindings.IdxT(i)))
	}
	if err := arrowconv.CheckAll(srcs, q.Schema); err != nil {
		return fmt.Errorf("duckdb: %w", err)
	}
	return nil
}

// next replaces the current chunk by the next non-empty one and reports
// whether there was one.
func (st *stream) next() (bool, error) {
	st.dropChunk()
	for {
		st.src.limit.enter()
		ch := bindings.FetchChunk(st.res)
		st.src.limit.leave()
		if ch.Ptr == nil {
			return false, st.endError()
		}
		if n := int(bindings.DataChunkGetSize(ch)); n > 0 {
			st.chunk, st.size, st.pos = ch, n, 0
			return true, nil
		}
		bindings.DestroyDataChunk(&ch)
	}
}

// endError returns the error that ended the result early, if any. A
// result whose context ended may have been cut short by the interrupt,
// so it is an error even when DuckDB reports none.
func (st *stream) endError() error {
	if msg := bindings.ResultError(&st.res); msg != "" {
		return st.src.fail(errors.New(msg))
	}
	if err := st.src.ctx.Err(); err != nil {
		return st.src.fail(err)
	}
	return nil
}

// vector returns column i of the current chunk.
func (st *stream) vector(i int) bindings.Vector {
	return bindings.DataChunkGetVector(st.chunk, bindings.IdxT(i))
}

// dropChunk destroys the current chunk.
func (st *stream) dropChunk() {
	if st.chunk.Ptr != nil {
		bindings.DestroyDataChunk(&st.chunk)
		st.chunk = bindings.DataChunk{}
	}
	st.size, st.pos = 0, 0
}

// interrupt stops the running query; the context's end calls it.
func (st *stream) interrupt() {
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.ended {
		bindings.Interrupt(st.conn)
	}
}

// release frees the chunk, the result and the statement, which stops the
// query if it is still running, and leaves the session open. No interrupt
// reaches the connection after it.
func (st *stream) release() error {
	st.mu.Lock()
	st.ended = true
	st.mu.Unlock()
	if st.disarmCtx != nil {
		st.disarmCtx()
	}
	st.dropChunk()
	if st.open {
		bindings.DestroyResult(&st.res)
		st.open = false
	}
	if st.stmt == nil {
		return nil
	}
	err := st.stmt.Close()
	st.stmt = nil
	return err
}

// Close ends the query and closes the session.
func (st *stream) Close() error {
	err := st.release()
	if cerr := st.src.Close(); cerr != nil {
		return cerr
	}
	if err != nil {
		return fmt.Errorf("duckdb: closing the statement: %w", err)
	}
	return nil
}

// ErrNoRawHandle reports that duckdb-go's connection or statement no longer
// holds its C handle where this package looks for it (a driver upgrade
// changed its layout). The query then runs on the row path instead.
var ErrNoRawHandle = errors.New("duckdb-go holds no C handle where expected")

// rawConn returns the C connection behind a duckdb-go driver connection.
//
// duckdb-go does not export it, so it is read from the unexported field
// "conn" of *duckdbgo.Conn, whose type must be exactly the bindings'
// Connection (duckdb-go's mapping package aliases the bindings' types). Any
// other layout is refused with ErrNoRawHandle, never misread.
func rawConn(dc driver.Conn) (bindings.Connection, error) {
	c, ok := dc.(*duckdbgo.Conn)
	if !ok {
		return bindings.Connection{}, fmt.Errorf("%w: the connection is a %T", ErrNoRawHandle, dc)
	}
	p, err := fieldOf[bindings.Connection](c, "conn")
	if err != nil {
		return bindings.Connection{}, err
	}
	if p.Ptr == nil {
		return bindings.Connection{}, fmt.Errorf("%w: the connection is closed", ErrNoRawHandle)
	}
	return *p, nil
}

// rawStatement returns the C prepared statement behind a duckdb-go
// statement, read from its unexported field "preparedStmt" of type
// *bindings.PreparedStatement, verified like rawConn's.
func rawStatement(ds driver.Stmt) (bindings.PreparedStatement, error) {
	s, ok := ds.(*duckdbgo.Stmt)
	if !ok {
		return bindings.PreparedStatement{}, fmt.Errorf("%w: the statement is a %T", ErrNoRawHandle, ds)
	}
	p, err := fieldOf[*bindings.PreparedStatement](s, "preparedStmt")
	if err != nil {
		return bindings.PreparedStatement{}, err
	}
	if *p == nil || (*p).Ptr == nil {
		return bindings.PreparedStatement{}, fmt.Errorf("%w: the statement is closed", ErrNoRawHandle)
	}
	return **p, nil
}

// fieldOf returns a pointer to the field called name of the struct *v
// after checking that the field exists and is of type T exactly.
func fieldOf[T any, S any](v *S, name string) (*T, error) {
	sv := reflect.ValueOf(v).Elem()
	if sv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%w: %T is not a struct", ErrNoRawHandle, v)
	}
	f := sv.FieldByName(name)
	if !f.IsValid() {
		return nil, fmt.Errorf("%w: %T has no field %q", ErrNoRawHandle, v, name)
	}
	if want := reflect.TypeFor[T](); f.Type() != want {
		return nil, fmt.Errorf("%w: field %q of %T is a %s, not a %s", ErrNoRawHandle, name, v, f.Type(), want)
	}
	return (*T)(unsafe.Pointer(f.UnsafeAddr())), nil
}
