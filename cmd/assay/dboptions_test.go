package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/spec"
)

// TestDatabaseOptionsReachTheSession: a database written as a mapping in
// assay.yaml opens with its connection settings — its pool closes an idle
// connection after max_connection_idle, seen in pg_stat_activity — and
// its statement_timeout is the default of --timeout; a plain URL keeps
// the defaults.
func TestDatabaseOptionsReachTheSession(t *testing.T) {
	pg := postgresDB(t)
	var tag [6]byte
	_, _ = rand.Read(tag[:])
	app := "assay_dbopts_" + hex.EncodeToString(tag[:])
	u, err := url.Parse(pg)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	dir := t.TempDir()
	yaml := "databases:\n  pg:\n    url: " + u.String() + "\n    max_connection_idle: 1s\n    statement_timeout: 2m\n  plain: " + pg + "\n"
	if err := os.WriteFile(filepath.Join(dir, spec.ProjectFile), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	p, ds := spec.LoadProject(filepath.Join(dir, spec.ProjectFile))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	ctx := context.Background()
	s, err := openSession(ctx, p, "pg", 10*time.Second, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.queryTimeout(5*time.Minute, false); got != 2*time.Minute {
		t.Errorf("--timeout not given: %s, want statement_timeout 2m", got)
	}
	if got := s.queryTimeout(7*time.Minute, true); got != 7*time.Minute {
		t.Errorf("--timeout 7m given: %s", got)
	}

	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	count := func() int {
		var n int
		if err := admin.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, app).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n == 0 {
		t.Fatal("the session holds no connection after reflecting the schema")
	}
	for deadline := time.Now().Add(15 * time.Second); count() > 0; time.Sleep(200 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d idle connections still open 15s after use (max_connection_idle: 1s)", count())
		}
	}

	plain, err := openSession(ctx, p, "plain", 10*time.Second, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if got := plain.queryTimeout(5*time.Minute, false); got != 5*time.Minute {
		t.Errorf("plain URL: %s, want the flag's 5m", got)
	}
}

// TestConnectTimeoutIsTransient: a server that does not answer within
// --connect-timeout is a network failure a retry may get past, not a
// statement timeout.
func TestConnectTimeoutIsTransient(t *testing.T) {
	addr, _ := fakeServer(t, silent)
	_, err := connect(context.Background(), "postgres://assay@"+addr+"/db", engine.ConnOptions{}, 300*time.Millisecond)
	if err == nil {
		t.Fatal("connected to a silent server")
	}
	if failure.Of(err) != failure.Network || !failure.Transient(err) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("class %q, transient %v: %v", failure.Of(err), failure.Transient(err), err)
	}
	// A signal (the command's context ending) is a cancellation.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	_, err = connect(ctx, "postgres://assay@"+addr+"/db", engine.ConnOptions{}, 10*time.Second)
	if failure.Of(err) != failure.Cancelled || failure.Transient(err) {
		t.Errorf("canceled: class %q, transient %v: %v", failure.Of(err), failure.Transient(err), err)
	}
}
