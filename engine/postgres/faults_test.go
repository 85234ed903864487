package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/failure"
)

// These tests provoke real faults — a killed backend, a stopped or
// restarted server, a full server, serialization failures, deadlocks,
// timeouts, missing rights, bad SQL — and check that engine/failure
// classes the errors as the run's retries need: transient or not, and
// under which manifest class.

// wantClass checks the class and transience of a real error.
func wantClass(t *testing.T, what string, err error, class failure.Class, transient bool) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	t.Logf("%s: %v", what, err)
	if got := failure.Of(err); got != class {
		t.Errorf("%s: failure.Of = %q, want %q (err: %v)", what, got, class, err)
	}
	if got := failure.Transient(err); got != transient {
		t.Errorf("%s: failure.Transient = %v, want %v (err: %v)", what, got, transient, err)
	}
}

// sqlState returns the SQLSTATE of err, "" when it has none.
func sqlState(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}

// countingSQL streams the numbers 1…n, each with the server process that
// sends it.
const countingSQL = `SELECT pg_backend_pid() AS pid, generate_series(1, 50000000) AS g`

// readUntilError reads r to its end and checks that g counts up by one
// from 1 without a gap or a repeat: a query that was run again after it
// had returned rows would start over at 1. It calls after once, after the
// first batch, and returns the reader's error and the rows read.
func readUntilError(t *testing.T, r array.RecordReader, after func(pid int32)) (error, int64) {
	t.Helper()
	var next int64 = 1
	first := true
	for r.Next() {
		rec := r.RecordBatch()
		pids, gs := rec.Column(0).(*array.Int32), rec.Column(1).(*array.Int64)
		for i := 0; i < gs.Len(); i++ {
			if gs.Value(i) != next {
				t.Fatalf("row %d holds g = %d: the query restarted or lost rows", next, gs.Value(i))
			}
			next++
		}
		if first {
			first = false
			after(pids.Value(0))
		}
	}
	return r.Err(), next - 1
}

// TestTerminatedMidStreamIsTransient: pg_terminate_backend of the process
// streaming a result fails the read with 57P01 (admin shutdown) or, when
// that message is lost behind unread rows, the connection's end: a
// transient failure either way; the rows already returned are never sent
// again.
func TestTerminatedMidStreamIsTransient(t *testing.T) {
	b := openTest(t)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := b.Query(context.Background(), engine.Query{SQL: countingSQL, Schema: endlessSchema, Alloc: mem, BatchSize: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	err, rows := readUntilError(t, r, func(pid int32) { terminate(t, b, pid) })
	r.Release()
	if rows >= 50000000 {
		t.Fatal("the query ran to its end")
	}
	// The server sends FATAL 57P01 before it closes the connection, but
	// while it is streaming, its socket buffer may be full of rows the
	// client has not read yet: the message is then dropped and the client
	// meets the end of the connection. Both are transient, each in its
	// own class; any other error is a failure of the test.
	if sqlState(err) == "57P01" {
		wantClass(t, "terminated mid-stream", err, failure.Database, true)
	} else {
		wantClass(t, "terminated mid-stream (message lost)", err, failure.Network, true)
		if !errors.Is(err, io.ErrUnexpectedEOF) && !strings.Contains(err.Error(), "unexpected EOF") {
			t.Errorf("err = %v, want SQLSTATE 57P01 or the connection's unexpected end", err)
		}
	}
	stillAnswers(t, b)
}

// TestTerminatedBeforeFirstRowIsTransient: a query whose process is
// terminated before its first row fails with a transient error, and is not
// run again behind the caller's back (the pool's re-acquire covers BEGIN
// only).
func TestTerminatedBeforeFirstRowIsTransient(t *testing.T) {
	b := openTest(t)
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	marker := "assay_sleeper_" + hex.EncodeToString(tag[:])
	sql := `SELECT pg_backend_pid() AS pid, 1::int8 AS g FROM pg_sleep(30) AS ` + marker
	done := make(chan error, 1)
	go func() {
		r, err := b.Query(context.Background(), engine.Query{SQL: sql, Schema: endlessSchema})
		if r != nil {
			r.Release()
		}
		done <- err
	}()
	pid := waitActive(t, b, marker)
	terminate(t, b, pid)
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the query did not end after its process was terminated")
	}
	wantClass(t, "terminated before the first row", err, failure.Database, true)
	if n := activeCount(t, b, marker); n != 0 {
		t.Errorf("%d processes run the query again after the failure", n)
	}
}

// waitActive returns the process running a query whose text holds marker.
func waitActive(t *testing.T, b *Backend, marker string) int32 {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var pid int32
		err := b.pool.QueryRow(context.Background(), `SELECT pid FROM pg_stat_activity
			WHERE state = 'active' AND pid <> pg_backend_pid() AND strpos(query, $1) > 0`, marker).Scan(&pid)
		if err == nil {
			return pid
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			t.Fatal(err)
		}
	}
	t.Fatal("the query never showed in pg_stat_activity")
	return 0
}

// activeCount counts the processes running a query holding marker.
func activeCount(t *testing.T, b *Backend, marker string) int {
	t.Helper()
	var n int
	if err := b.pool.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE pid <> pg_backend_pid() AND state = 'active' AND strpos(query, $1) > 0`, marker).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// terminate ends a server process with pg_terminate_backend.
func terminate(t *testing.T, b *Backend, pid int32) {
	t.Helper()
	var ok bool
	if err := b.pool.QueryRow(context.Background(), `SELECT pg_terminate_backend($1)`, pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("pg_terminate_backend(%d) = %v, %v", pid, ok, err)
	}
}

// stillAnswers checks that the backend runs a query after a fault.
func stillAnswers(t *testing.T, b *Backend) int32 {
	t.Helper()
	r, err := b.Query(context.Background(), engine.Query{SQL: `SELECT pg_backend_pid() AS pid, 7::int8 AS g`, Schema: endlessSchema})
	if err != nil {
		t.Fatalf("the backend no longer answers: %v", err)
	}
	defer r.Release()
	if !r.Next() || r.RecordBatch().NumRows() != 1 {
		t.Fatalf("no row: %v", r.Err())
	}
	rec := r.RecordBatch()
	if g := rec.Column(1).(*array.Int64).Value(0); g != 7 {
		t.Fatalf("g = %d", g)
	}
	return rec.Column(0).(*array.Int32).Value(0)
}

// TestServerStoppedIsNetwork: a stopped server refuses connections, for
// a new backend and for an open one whose connections are gone: a
// transient network failure.
func TestServerStoppedIsNetwork(t *testing.T) {
	srv := startPrivate(t)
	b := srv.open(t)
	stillAnswers(t, b)
	srv.stop("fast")
	_, err := b.Query(context.Background(), engine.Query{SQL: `SELECT 1::int4 AS pid, 1::int8 AS g`, Schema: endlessSchema})
	wantClass(t, "query on a stopped server", err, failure.Network, true)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want connection refused", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = Open(ctx, srv.URL())
	wantClass(t, "open a stopped server", err, failure.Network, true)
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want connection refused", err)
	}
}

// TestServerRestartedMidStream: a server shut down (fast) while it streams
// a result fails the read with a transient error; once the server is back,
// the same backend answers again on fresh connections.
func TestServerRestartedMidStream(t *testing.T) {
	srv := startPrivate(t)
	b := srv.open(t)
	r, err := b.Query(context.Background(), engine.Query{SQL: countingSQL, Schema: endlessSchema, BatchSize: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	err, _ = readUntilError(t, r, func(int32) { srv.stop("fast") })
	r.Release()
	// As when one backend is terminated: the FATAL message may be lost
	// behind rows the client has not read, and the connection just ends.
	if sqlState(err) == "57P01" {
		wantClass(t, "server shut down mid-stream", err, failure.Database, true)
	} else {
		wantClass(t, "server shut down mid-stream (message lost)", err, failure.Network, true)
		if !strings.Contains(err.Error(), "unexpected EOF") {
			t.Errorf("err = %v, want SQLSTATE 57P01 or the connection's unexpected end", err)
		}
	}
	srv.start()
	stillAnswers(t, b)
}

// TestServerCrashedMidStream: an immediate shutdown (what a crash looks
// like to a client) while a result streams is transient too.
func TestServerCrashedMidStream(t *testing.T) {
	srv := startPrivate(t)
	b := srv.open(t)
	r, err := b.Query(context.Background(), engine.Query{SQL: countingSQL, Schema: endlessSchema, BatchSize: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	err, _ = readUntilError(t, r, func(int32) { srv.stop("immediate") })
	r.Release()
	// The server's processes die without a word: the connection just ends.
	wantClass(t, "server crashed mid-stream", err, failure.Network, true)
	srv.start()
	stillAnswers(t, b)
}

// TestTooManyConnections: a server whose every connection slot is taken
// answers 53300, a transient failure.
func TestTooManyConnections(t *testing.T) {
	srv := startPrivate(t, "max_connections = 3", "superuser_reserved_connections = 0")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for range 3 {
		c, err := pgx.Connect(ctx, srv.URL())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(context.Background())
	}
	_, err := Open(ctx, srv.URL())
	wantClass(t, "too many connections", err, failure.Database, true)
	if sqlState(err) != "53300" {
		t.Errorf("err = %v, want SQLSTATE 53300", err)
	}
}

// TestConcurrencyFailuresAreTransient: a real serialization failure
// (write skew between two serializable transactions) and a real deadlock
// are transient.
func TestConcurrencyFailuresAreTransient(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, `CREATE TABLE {s}.t (id int PRIMARY KEY, v int)`, `INSERT INTO {s}.t VALUES (1, 0), (2, 0)`)
	table := `"` + s + `".t`
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn := func() *pgx.Conn {
		c, err := b.pool.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(c.Release)
		return c.Conn()
	}

	t.Run("serialization", func(t *testing.T) {
		c1, c2 := conn(), conn()
		tx1, err := c1.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err != nil {
			t.Fatal(err)
		}
		defer tx1.Rollback(ctx)
		tx2, err := c2.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
		if err != nil {
			t.Fatal(err)
		}
		defer tx2.Rollback(ctx)
		// Each reads what the other writes: no serial order explains both.
		var errs []error
		for _, step := range []struct {
			tx  pgx.Tx
			sql string
		}{
			{tx1, `SELECT sum(v) FROM ` + table + ` WHERE id = 2`},
			{tx2, `SELECT sum(v) FROM ` + table + ` WHERE id = 1`},
			{tx1, `UPDATE ` + table + ` SET v = 1 WHERE id = 1`},
			{tx2, `UPDATE ` + table + ` SET v = 1 WHERE id = 2`},
		} {
			if _, err := step.tx.Exec(ctx, step.sql); err != nil {
				errs = append(errs, err)
			}
		}
		for _, tx := range []pgx.Tx{tx1, tx2} {
			if err := tx.Commit(ctx); err != nil {
				errs = append(errs, err)
			}
		}
		if len(errs) == 0 {
			t.Fatal("both transactions committed")
		}
		wantClass(t, "serialization failure", errs[0], failure.Database, true)
		if sqlState(errs[0]) != "40001" {
			t.Errorf("err = %v, want SQLSTATE 40001", errs[0])
		}
	})

	t.Run("deadlock", func(t *testing.T) {
		c1, c2 := conn(), conn()
		tx1, err := c1.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx1.Rollback(ctx)
		tx2, err := c2.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx2.Rollback(ctx)
		for _, step := range []struct {
			tx pgx.Tx
			id int
		}{{tx1, 1}, {tx2, 2}} {
			if _, err := step.tx.Exec(ctx, `UPDATE `+table+` SET v = v + 1 WHERE id = $1`, step.id); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, step := range []struct {
			tx pgx.Tx
			id int
		}{{tx1, 2}, {tx2, 1}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = step.tx.Exec(ctx, `UPDATE `+table+` SET v = v + 1 WHERE id = $1`, step.id)
				if errs[i] != nil { // the victim's rollback frees the other
					_ = step.tx.Rollback(ctx)
				}
			}()
			time.Sleep(100 * time.Millisecond)
		}
		wg.Wait()
		err = errors.Join(errs...)
		wantClass(t, "deadlock", err, failure.Database, true)
		if sqlState(err) != "40P01" {
			t.Errorf("err = %v, want SQLSTATE 40P01", err)
		}
	})
}

// TestLockNotAvailableIsTransient: a report blocked past lock_timeout by
// a table lock (a migration's ALTER TABLE) fails with 55P03, transient.
func TestLockNotAvailableIsTransient(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, `CREATE TABLE {s}.t (id int)`)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	locker, err := b.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer locker.Rollback(ctx)
	if _, err := locker.Exec(ctx, `LOCK TABLE "`+s+`".t IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	tx, err := b.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SET LOCAL lock_timeout = 100`); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(ctx, `SELECT count(*) FROM "`+s+`".t`)
	wantClass(t, "lock not available", err, failure.Database, true)
	if sqlState(err) != "55P03" {
		t.Errorf("err = %v, want SQLSTATE 55P03", err)
	}
}

// TestServerStartingIsTransient: while a server recovers from a crash and
// starts, every failed connection attempt (refused, or 57P03 "the
// database system is starting up") is transient, until one succeeds.
func TestServerStartingIsTransient(t *testing.T) {
	srv := startPrivate(t)
	srv.stop("immediate")                            // the next start recovers from the crash
	if err := srv.pgCtl("start", "-W"); err != nil { // -W: do not wait
		t.Fatal(err)
	}
	codes := map[string]int{}
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(2 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c, err := pgconn.Connect(ctx, srv.URL())
		cancel()
		if err == nil {
			c.Close(context.Background())
			break
		}
		if !failure.Transient(err) {
			t.Fatalf("while the server starts: not transient (class %q): %v", failure.Of(err), err)
		}
		codes[sqlState(err)+"/"+string(failure.Of(err))]++
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %v", err)
		}
	}
	t.Logf("failed attempts while starting, by SQLSTATE/class: %v", codes)
}

// TestStatementTimeoutIsNotTransient: the query's time limit, and the
// server's own statement_timeout, are timeouts, never retried.
func TestStatementTimeoutIsNotTransient(t *testing.T) {
	b := openTest(t)
	_, err := b.Query(context.Background(), engine.Query{SQL: `SELECT 1::int4 AS pid, 1::int8 AS g FROM pg_sleep(5)`,
		Schema: endlessSchema, Timeout: 200 * time.Millisecond})
	wantClass(t, "query time limit", err, failure.Timeout, false)

	ctx := context.Background()
	c, err := b.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SET LOCAL statement_timeout = 100`); err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(ctx, `SELECT pg_sleep(5)`)
	wantClass(t, "server statement_timeout", err, failure.Timeout, false)
	if sqlState(err) != "57014" {
		t.Errorf("err = %v, want SQLSTATE 57014", err)
	}
}

// TestOutsideCancelIsDatabase: pg_cancel_backend sent by someone else (an
// administrator, a watchdog) ends the query with 57014 "canceling
// statement due to user request": the database's doing, not a timeout —
// the query had no time limit — and not retried, since someone meant it to
// stop. Only the server's "due to statement timeout" is a timeout.
func TestOutsideCancelIsDatabase(t *testing.T) {
	b := openTest(t)
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	marker := "assay_cancelled_" + hex.EncodeToString(tag[:])
	sql := `SELECT pg_backend_pid() AS pid, 1::int8 AS g FROM pg_sleep(30) AS ` + marker
	done := make(chan error, 1)
	go func() {
		r, err := b.Query(context.Background(), engine.Query{SQL: sql, Schema: endlessSchema})
		if r != nil {
			for r.Next() {
			}
			if err == nil {
				err = r.Err()
			}
			r.Release()
		}
		done <- err
	}()
	pid := waitActive(t, b, marker)
	var ok bool
	if err := b.pool.QueryRow(context.Background(), `SELECT pg_cancel_backend($1)`, pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("pg_cancel_backend(%d) = %v, %v", pid, ok, err)
	}
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the query did not end after pg_cancel_backend")
	}
	wantClass(t, "pg_cancel_backend from outside", err, failure.Database, false)
	var pg *pgconn.PgError
	if !errors.As(err, &pg) || pg.Code != "57014" || !strings.Contains(pg.Message, "user request") {
		t.Errorf("err = %v, want 57014 canceling statement due to user request", err)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v wraps a context error: the caller cancelled nothing", err)
	}
	stillAnswers(t, b)
}

// TestPermissionAndSyntaxAreNotTransient: a role without rights on a
// table, and bad SQL, fail the same way every time: never retried.
func TestPermissionAndSyntaxAreNotTransient(t *testing.T) {
	b := openTest(t)
	s := tempSchema(t, b, `CREATE TABLE {s}.secret (id int8)`)
	ctx := context.Background()
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	role := "assay_norights_" + hex.EncodeToString(tag[:])
	if _, err := b.pool.Exec(ctx, `CREATE ROLE "`+role+`" LOGIN`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := b.pool.Exec(ctx, `DROP ROLE IF EXISTS "`+role+`"`); err != nil {
			t.Errorf("drop role: %v", err)
		}
	})
	// Usage on the schema, nothing on the table.
	if _, err := b.pool.Exec(ctx, `GRANT USAGE ON SCHEMA "`+s+`" TO "`+role+`"`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = b.pool.Exec(ctx, `REVOKE USAGE ON SCHEMA "`+s+`" FROM "`+role+`"`) })
	u, err := url.Parse(testURL())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	octx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	nb, err := Open(octx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer nb.Close()
	_, err = nb.Query(ctx, engine.Query{SQL: `SELECT id AS g, 1::int4 AS pid FROM "` + s + `".secret`, Schema: int64Schema("g")})
	wantClass(t, "permission denied", err, failure.Database, false)
	if sqlState(err) != "42501" {
		t.Errorf("err = %v, want SQLSTATE 42501", err)
	}

	_, err = b.Query(ctx, engine.Query{SQL: `SELEC 1 AS g`, Schema: int64Schema("g")})
	wantClass(t, "syntax error", err, failure.Database, false)
	if sqlState(err) != "42601" {
		t.Errorf("err = %v, want SQLSTATE 42601", err)
	}
	if strings.Contains(err.Error(), "postgres://") {
		t.Errorf("the error shows the URL: %v", err)
	}
}
