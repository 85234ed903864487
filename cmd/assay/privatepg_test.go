package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// privatePostgres starts a PostgreSQL server of its own for one test, in
// a temporary folder on a free port (initdb and pg_ctl from the installed
// PostgreSQL), so that the test may restart it: the shared server is
// never restarted. It returns the URL of its database postgres and a
// function that restarts the server: a fast shutdown (sessions are
// terminated with 57P01), down for the given time (connections refused),
// then started again. As
// root, the server runs as the user postgres, since PostgreSQL refuses to
// run as root. Without the binaries the test is skipped, under CI it
// fails.
func privatePostgres(t *testing.T) (string, func(time.Duration)) {
	t.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	slices.Sort(bins)
	if len(bins) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("no pg_ctl under /usr/lib/postgresql/*/bin: install PostgreSQL's server binaries")
		}
		t.Skip("no pg_ctl under /usr/lib/postgresql/*/bin; set CI=1 to make this a failure")
	}
	bin := filepath.Dir(bins[len(bins)-1])
	dir, err := os.MkdirTemp("", "assay-private-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var asUser []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("running as root without a postgres user to run the server as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatal(err)
		}
		asUser = []string{"runuser", "-u", "postgres", "--"}
	}
	pg := func(name string, args ...string) {
		t.Helper()
		argv := append(append(slices.Clone(asUser), filepath.Join(bin, name)), args...)
		out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
		if err != nil {
			log, _ := os.ReadFile(filepath.Join(dir, "log"))
			t.Fatalf("%s: %v\n%s\n%s", strings.Join(argv, " "), err, out, log)
		}
	}
	data := filepath.Join(dir, "data")
	pg("initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, dir)
	pg("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start")
	t.Cleanup(func() {
		argv := append(slices.Clone(asUser), filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop")
		_ = exec.Command(argv[0], argv[1:]...).Run()
	})
	restart := func(down time.Duration) {
		pg("pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop")
		time.Sleep(down)
		pg("pg_ctl", "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "start")
	}
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), restart
}

// TestRunServerRestart: the PostgreSQL server stops while a report's rows
// stream and is down for 2 s. The report is retried — through the refused
// connections while the server is down — and succeeds with every row.
func TestRunServerRestart(t *testing.T) {
	db, restart := privatePostgres(t)
	loadCronTables(t, db)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	cmd, stderr := startAssay(t, "run", spec, "--db", db, "--out", out, "--format", "csv", "--batch-size", "50", "--retries", "5")
	waitMidStream(t, db, out, cmd, stderr)
	began := time.Now()
	restart(2 * time.Second)
	t.Logf("server stopped and started again in %s", time.Since(began).Round(time.Millisecond))
	if code := exitCode(t, cmd, 2*time.Minute); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	m := readManifest(t, out)
	if r := m.Reports[0]; m.Status != statusOK || r.Attempts < 2 || r.Rows != 4000 || r.Error != nil {
		t.Errorf("manifest: status %s, attempts %d, rows %d, error %v", m.Status, r.Attempts, r.Rows, r.Error)
	}
	if n := lineCount(t, filepath.Join(out, "slow_listing.csv")); n != 4001 {
		t.Errorf("slow_listing.csv has %d lines, want 4001", n)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	t.Logf("stderr:\n%s", stderr)

	// Without retries the same fault is a clean failure: exit 1, the
	// manifest says why, the file of the run before is intact.
	good := m.Reports[0].Outputs[0]
	cmd, stderr = startAssay(t, "run", spec, "--db", db, "--out", out, "--format", "csv", "--batch-size", "50", "--retries", "0")
	waitMidStream(t, db, out, cmd, stderr)
	restart(0)
	if code := exitCode(t, cmd, 2*time.Minute); code != exitRuntime {
		t.Fatalf("--retries 0: exit %d; stderr:\n%s", code, stderr)
	}
	m = readManifest(t, out)
	if r := m.Reports[0]; m.Status != statusFailed || r.Attempts != 1 || r.Error == nil || len(r.Outputs) != 0 {
		t.Errorf("--retries 0: manifest: status %s, attempts %d, error %v", m.Status, r.Attempts, r.Error)
	}
	if b, err := os.ReadFile(filepath.Join(out, good.Path)); err != nil || sha256Hex(b) != good.SHA256 {
		t.Errorf("the previous good output changed (%v)", err)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
