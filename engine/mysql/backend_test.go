package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/mysql/mysqltest"
)

// open creates a test database with setup and opens it as assay does.
func open(t testing.TB, setup ...string) (*Backend, *mysqltest.DB) {
	t.Helper()
	db := mysqltest.Create(t, "assay_mysql", setup)
	b, err := Open(context.Background(), db.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b, db
}

// numbers is a table whose 8-fold cross join no server finishes in a test.
var numbers = []string{
	"CREATE TABLE numbers (n BIGINT NOT NULL)",
	"INSERT INTO numbers VALUES " + strings.TrimSuffix(strings.Repeat("(1),", 30), ","),
}

// endless is a statement that runs for hours; marker finds it in the
// process list.
func endless(marker string) string {
	return "SELECT /* " + marker + " */ MAX(a.n + b.n + c.n + d.n + e.n + f.n + g.n + h.n) FROM numbers a, numbers b, numbers c, numbers d, numbers e, numbers f, numbers g, numbers h"
}

// running counts the statements holding marker that the server is
// executing, as another session sees them.
func running(t *testing.T, admin *sql.DB, marker string) int {
	t.Helper()
	var n int
	err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()",
		"%"+marker+"%").Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond for up to 5 seconds.
func waitFor(cond func() bool) bool {
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func int64Schema(name string) *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{{Name: name, Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
}

// TestCancelKillsTheQuery cancels a running query and wants it gone from
// the server's process list, not merely abandoned by the client.
func TestCancelKillsTheQuery(t *testing.T) {
	b, _ := open(t, numbers...)
	admin := mysqltest.Admin(t)
	marker := fmt.Sprintf("assay_cancel_%d", time.Now().UnixNano())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		rr, err := b.Query(ctx, engine.Query{SQL: endless(marker), Schema: int64Schema("m")})
		if err == nil {
			rr.Release()
		}
		done <- err
	}()
	if !waitFor(func() bool { return running(t, admin, marker) == 1 }) {
		t.Fatal("the query never showed in the process list")
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v; want one wrapping context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the canceled query did not return")
	}
	if !waitFor(func() bool { return running(t, admin, marker) == 0 }) {
		t.Error("the canceled query still runs on the server")
	}
	checkAnswers(t, b)
}

// TestReleaseKillsTheQuery releases a long result after its first batch:
// the rest must not be read, and the statement must stop on the server.
func TestReleaseKillsTheQuery(t *testing.T) {
	b, _ := open(t, numbers...)
	admin := mysqltest.Admin(t)
	marker := fmt.Sprintf("assay_release_%d", time.Now().UnixNano())
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sql := "SELECT /* " + marker + " */ a.n + b.n + c.n + d.n + e.n + f.n FROM numbers a, numbers b, numbers c, numbers d, numbers e, numbers f"
	rr, err := b.Query(context.Background(), engine.Query{SQL: sql, Schema: int64Schema("s"), Alloc: mem, BatchSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !rr.Next() {
		t.Fatal(rr.Err())
	}
	start := time.Now()
	rr.Release()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Release took %s", d)
	}
	if !waitFor(func() bool { return running(t, admin, marker) == 0 }) {
		t.Error("the released query still runs on the server")
	}
	checkAnswers(t, b)
}

// checkAnswers wants the backend to run a query after another one was
// stopped.
func checkAnswers(t *testing.T, b *Backend) {
	t.Helper()
	rr, err := b.Query(context.Background(), engine.Query{SQL: "SELECT COUNT(*) FROM numbers", Schema: int64Schema("n")})
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	if !rr.Next() || rr.RecordBatch().Column(0).ValueStr(0) != "30" {
		t.Errorf("the next query: %v", rr.Err())
	}
}

// TestIdleConnectionClosedByServer lets the server close a pooled
// connection (wait_timeout=1) and wants the next query to take another
// one without an error.
func TestIdleConnectionClosedByServer(t *testing.T) {
	b, _ := open(t, numbers...)
	admin := mysqltest.Admin(t)
	b.db.SetMaxIdleConns(1)
	ctx := context.Background()
	c, err := b.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var id uint64
	if err := c.Raw(func(dc any) error { id = dc.(*conn).id; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ExecContext(ctx, "SET SESSION wait_timeout = 1"); err != nil {
		t.Fatal(err)
	}
	_ = c.Close() // back to the pool, idle
	gone := waitFor(func() bool {
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n == 0
	})
	if !gone {
		t.Fatal("the server did not close the idle connection")
	}
	if st := b.db.Stats(); st.Idle != 1 {
		t.Fatalf("pool: %+v; want the dead connection idle in it", st)
	}
	checkAnswers(t, b)
}

// TestTimeoutIsTheServers checks that the statement limit is the
// server's: a query within it succeeds; one past it is the server's
// error 1969, reported as context.DeadlineExceeded.
func TestTimeoutIsTheServers(t *testing.T) {
	b, _ := open(t, numbers...)
	rr, err := b.Query(context.Background(), engine.Query{SQL: endless("assay_timeout"), Schema: int64Schema("m"), Timeout: 200 * time.Millisecond})
	if err == nil {
		rr.Release()
		t.Fatal("no error")
	}
	if !errors.Is(err, context.DeadlineExceeded) || !isTimeout(err) {
		t.Errorf("error %v; want the server's timeout as context.DeadlineExceeded", err)
	}
	if !b.MariaDB() {
		t.Logf("server %s is not MariaDB", b.Version())
	}
	checkAnswers(t, b)
}

// TestWritesRefused wants every statement that is not a query refused,
// and the pool's sessions to refuse writes by themselves, also DDL, whose
// implicit commit would end a READ ONLY transaction.
func TestWritesRefused(t *testing.T) {
	b, db := open(t, numbers...)
	ctx := context.Background()
	writes := []string{
		"INSERT INTO numbers VALUES (7)",
		"CREATE TABLE made (n INT)",
		"DROP TABLE numbers",
		"SET SESSION TRANSACTION READ WRITE",
		"/*!40101 SET SESSION TRANSACTION READ WRITE */ SELECT 1",
	}
	for _, sql := range writes {
		rr, err := b.Query(ctx, engine.Query{SQL: sql, Schema: arrow.NewSchema(nil, nil)})
		if err == nil {
			rr.Release()
			t.Errorf("%s: no error", sql)
		} else if !errors.Is(err, ErrNotQuery) {
			t.Errorf("%s: %v; want ErrNotQuery", sql, err)
		}
	}
	c, err := b.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, sql := range writes[:3] {
		if _, err := c.ExecContext(ctx, sql); err == nil || !strings.Contains(err.Error(), "READ ONLY") {
			t.Errorf("%s on a pooled session: %v; want the server's READ ONLY refusal", sql, err)
		}
	}
	var n int
	if err := db.Conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM numbers").Scan(&n); err != nil || n != 30 {
		t.Errorf("numbers: %d rows, %v", n, err)
	}
}

func TestIsQuery(t *testing.T) {
	for sql, want := range map[string]bool{
		"SELECT 1": true, "  (select 1) UNION ALL (SELECT 2)": true, "WITH a AS (SELECT 1) SELECT * FROM a": true,
		"/* c */ SELECT 1": true, "-- c\nSELECT 1": true, "SELECTX": false, "WITHOUT": false,
		"/*! SET x=1 */ SELECT 1": false, "/*M!100000 DROP TABLE t */ SELECT 1": false, "/* open": false,
		"INSERT INTO t VALUES (1)": false, "": false, "DO SLEEP(1)": false,
	} {
		if got := isQuery(sql); got != want {
			t.Errorf("isQuery(%q) = %v, want %v", sql, got, want)
		}
	}
}

// TestCancelWithOneConnection cancels a query of a pool bounded to one
// connection: the bound is raised so that KILL QUERY has one of its own.
func TestCancelWithOneConnection(t *testing.T) {
	_, db := open(t, numbers...)
	b, err := OpenConfig(context.Background(), Config{URL: db.URL, MaxOpenConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	rr, err := b.Query(ctx, engine.Query{SQL: endless("assay_one_conn"), Schema: int64Schema("m")})
	if err == nil {
		rr.Release()
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v; want the caller's deadline", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("the canceled query took %s to stop (KILL QUERY waited for a connection?)", d)
	}
	checkAnswers(t, b)
}

// TestCancelAroundTheStart ends the context at moments spread over the
// start of the query (acquiring the connection, preparing, sending the
// statement): whenever it ends, the statement must stop, also when a
// KILL QUERY reached the server before the statement did.
func TestCancelAroundTheStart(t *testing.T) {
	b, _ := open(t, numbers...)
	admin := mysqltest.Admin(t)
	for i := range 30 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(i)*time.Millisecond/2)
		start := time.Now()
		marker := fmt.Sprintf("assay_start_%d_%d", i, time.Now().UnixNano())
		rr, err := b.Query(ctx, engine.Query{SQL: endless(marker), Schema: int64Schema("m")})
		cancel()
		if err == nil {
			rr.Release()
			t.Fatalf("deadline %d: no error", i)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("deadline %d: the query took %s to stop", i, d)
		}
		if !waitFor(func() bool { return running(t, admin, marker) == 0 }) {
			t.Errorf("deadline %d: the statement still runs on the server", i)
		}
	}
	checkAnswers(t, b)
}
