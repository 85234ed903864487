package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/engine"
)

// ownDatabase creates a database of the test's own on the test server, so
// that its connections can be told from every other test's, and drops it
// when the test ends. It returns the database's name and URL.
func ownDatabase(t *testing.T) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, testURL())
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("PostgreSQL test server unavailable (set ASSAY_TEST_POSTGRES_URL): %v", err)
		}
		t.Fatalf("PostgreSQL test server unavailable: %v", err)
	}
	defer admin.Close(ctx)
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	name := "assay_lifetime_" + hex.EncodeToString(tag[:])
	if _, err := admin.Exec(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		admin, err := pgx.Connect(ctx, testURL())
		if err == nil {
			_, err = admin.Exec(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`)
			admin.Close(ctx)
		}
		if err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(testURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return name, u.String()
}

// openWith opens url with opts.
func openWith(t *testing.T, u string, opts engine.ConnOptions) *Backend {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := OpenWith(ctx, u, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}

// holdConnections runs n queries at once, so that the pool opens n
// connections, and returns their server processes once every one is back
// in the pool.
func holdConnections(t *testing.T, b *Backend, n int) []int32 {
	t.Helper()
	var pids []int32
	var readers []array.RecordReader
	for range n {
		r, err := b.Query(context.Background(), engine.Query{SQL: `SELECT pg_backend_pid() AS pid, 1::int8 AS g`, Schema: endlessSchema})
		if err != nil {
			t.Fatal(err)
		}
		readers = append(readers, r)
		if !r.Next() {
			t.Fatal(r.Err())
		}
		pids = append(pids, r.RecordBatch().Column(0).(*array.Int32).Value(0))
	}
	for _, r := range readers {
		r.Release()
	}
	return pids
}

// terminateIdle ends every idle connection to database name, as a server's
// idle timeout, a proxy or a DBA would, and returns their processes.
func terminateIdle(t *testing.T, name string) []int32 {
	t.Helper()
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, testURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	// First the processes, then one pg_terminate_backend each: in one
	// statement the planner may call it before the filters, on every
	// process of the server.
	rows, err := admin.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND state = 'idle'`, name)
	if err != nil {
		t.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int32])
	if err != nil {
		t.Fatal(err)
	}
	for _, pid := range pids {
		if _, err := admin.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
			t.Fatal(err)
		}
	}
	// pg_terminate_backend only signals: wait until the processes are gone.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		var left int
		if err := admin.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)`, pids).Scan(&left); err != nil {
			t.Fatal(err)
		}
		if left == 0 {
			return pids
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d terminated processes still run", left)
		}
	}
}

// TestIdleConnectionClosedByServerIsReplaced: connections that the server
// closed while they sat idle in the pool are replaced, not reported:
// every query right after the kill, and after a pause, succeeds on a new
// server process — whether or not the pool pings the connection first
// (pgxpool pings those idle for more than a second).
func TestIdleConnectionClosedByServerIsReplaced(t *testing.T) {
	name, u := ownDatabase(t)
	b := openWith(t, u, engine.ConnOptions{})
	for _, pause := range []time.Duration{0, 1500 * time.Millisecond} {
		held := holdConnections(t, b, 3)
		killed := terminateIdle(t, name)
		for _, pid := range held {
			if !slices.Contains(killed, pid) {
				t.Fatalf("pool connection %d was not idle: killed %v", pid, killed)
			}
		}
		time.Sleep(pause)
		for i := range 4 { // more queries than dead connections
			pid := stillAnswers(t, b)
			if slices.Contains(killed, pid) {
				t.Fatalf("pause %s, query %d: answered by terminated process %d", pause, i, pid)
			}
		}
	}
}

// TestConnOptionsReachThePool: the lifetime and idle time of assay.yaml
// (or the defaults) are the pool's, and the pool enforces them: an old
// connection is replaced, an unused one closed.
func TestConnOptionsReachThePool(t *testing.T) {
	_, u := ownDatabase(t)
	def := openWith(t, u, engine.ConnOptions{})
	if c := def.pool.Config(); c.MaxConnLifetime != engine.DefaultMaxConnLifetime || c.MaxConnIdleTime != engine.DefaultMaxConnIdle {
		t.Errorf("default pool: lifetime %s, idle %s", c.MaxConnLifetime, c.MaxConnIdleTime)
	}
	b := openWith(t, u, engine.ConnOptions{MaxLifetime: time.Second, MaxIdle: 2 * time.Second})
	if c := b.pool.Config(); c.MaxConnLifetime != time.Second || c.MaxConnIdleTime != 2*time.Second {
		t.Errorf("pool: lifetime %s, idle %s", c.MaxConnLifetime, c.MaxConnIdleTime)
	}
	first := stillAnswers(t, b)
	time.Sleep(1300 * time.Millisecond) // past the lifetime and its 10 % jitter
	if again := stillAnswers(t, b); again == first {
		t.Errorf("connection %d outlived its lifetime of 1s", first)
	}
	idle := openWith(t, u, engine.ConnOptions{MaxIdle: time.Second})
	stillAnswers(t, idle)
	for deadline := time.Now().Add(10 * time.Second); idle.pool.Stat().TotalConns() > 0; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d connections still open 10s after they became idle (max idle 1s)", idle.pool.Stat().TotalConns())
		}
	}
	// The URL's own pool settings win.
	q := u + "&pool_max_conn_lifetime=7m&pool_max_conn_idle_time=3m"
	ub := openWith(t, q, engine.ConnOptions{MaxLifetime: time.Minute, MaxIdle: time.Minute})
	if c := ub.pool.Config(); c.MaxConnLifetime != 7*time.Minute || c.MaxConnIdleTime != 3*time.Minute {
		t.Errorf("URL settings: lifetime %s, idle %s", c.MaxConnLifetime, c.MaxConnIdleTime)
	}
}
