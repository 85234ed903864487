package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/failure"
	"github.com/assay-dev/assay/reports"
)

// jsonLines checks that every line of stderr is a JSON object and returns
// them.
func jsonLines(t *testing.T, stderr string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Errorf("not a JSON line: %q (%v)", line, err)
			continue
		}
		recs = append(recs, rec)
	}
	return recs
}

// TestRunLogJSONEveryLine: with --log-format json every line on stderr is
// JSON, the final error included (a failed report, exit 1), and so are
// a bad spec's diagnostics (exit 2) and a command-line mistake found after
// the flags were read (exit 2).
func TestRunLogJSONEveryLine(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	slow := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	out := filepath.Join(dir, "out")

	code, _, errs := assay(t, "run", slow, "--db", db, "--out", out, "--format", "csv", "--timeout", "200ms", "--retries", "0", "--log-format", "json")
	if code != exitRuntime {
		t.Fatalf("exit %d, want %d: %s", code, exitRuntime, errs)
	}
	recs := jsonLines(t, errs)
	last := recs[len(recs)-1]
	if last["level"] != "ERROR" || !strings.Contains(last["msg"].(string), "assay run: slow_listing:") || last["exit_code"] != float64(exitRuntime) {
		t.Errorf("last line %v: want the run's error with exit_code 1", last)
	}
	t.Logf("stderr:\n%s", errs)
	if strings.Contains(errs, "postgres://") {
		t.Errorf("a URL in the log: %s", errs)
	}

	bad := writeSpec(t, dir, "bad.yaml", "report: bad\nfrom: ticks t\nmeasures:\n  n: sum(t.nope)\n")
	code, _, errs = assay(t, "run", bad, "--db", db, "--out", out, "--log-format", "json", "--quiet")
	if code != exitUsage {
		t.Fatalf("bad spec: exit %d, want %d: %s", code, exitUsage, errs)
	}
	recs = jsonLines(t, errs)
	if len(recs) == 0 || recs[0]["level"] != "ERROR" || recs[0]["file"] != bad || recs[0]["line"] != float64(4) || recs[0]["code"] == "" {
		t.Errorf("diagnostic records %v: want an ERROR naming %s line 4 with its code", recs, bad)
	}

	code, _, errs = assay(t, "run", slow, bad, "-o", filepath.Join(dir, "x.csv"), "--log-format", "json")
	if code != exitUsage {
		t.Fatalf("-o with two specs: exit %d, want %d: %s", code, exitUsage, errs)
	}
	if recs = jsonLines(t, errs); len(recs) != 1 || recs[0]["exit_code"] != float64(exitUsage) {
		t.Errorf("usage error: %v", recs)
	}
}

// TestRunOutsideCancel: a pg_cancel_backend from outside (an
// administrator, a watchdog) ends the report with class database, not
// timeout, at its first attempt: it is not retried, and the run is failed,
// not cancelled.
func TestRunOutsideCancel(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	cmd, stderr := startAssay(t, "run", spec, "--db", db, "--out", out, "--format", "csv", "--batch-size", "50", "--retries", "2")
	pid := waitMidStream(t, db, out, cmd, stderr)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	err = conn.QueryRow(ctx, "SELECT pg_cancel_backend($1)", pid).Scan(&ok)
	conn.Close(ctx)
	if err != nil || !ok {
		t.Fatalf("pg_cancel_backend(%d): %v %v", pid, ok, err)
	}
	if code := exitCode(t, cmd, time.Minute); code != exitRuntime {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitRuntime, stderr)
	}
	m := readManifest(t, out)
	if m.Status != statusFailed || len(m.Reports) != 1 {
		t.Fatalf("manifest: %+v", m)
	}
	r := m.Reports[0]
	if r.Error == nil || r.Error.Class != "database" || r.Attempts != 1 || !strings.Contains(r.Error.Message, "user request") {
		t.Errorf("report: attempts %d, error %+v; want class database at the first attempt", r.Attempts, r.Error)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestRunJobsAbovePoolSize: --jobs 8 on a pool of 2 connections
// (pool_max_conns=2 in the URL) does not deadlock: the reports wait for a
// connection in turn, never more than 2 are open on the server, and every
// report is written.
func TestRunJobsAbovePoolSize(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	var specs []string
	for i := range 8 {
		name := fmt.Sprintf("wide_%d", i)
		specs = append(specs, writeSpec(t, dir, name+".yaml", "report: "+name+"\nfrom: wide w\ndimensions:\n  n: w.n\n  label: w.label\n"))
	}
	args := append([]string{"run"}, specs...)
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("pool_max_conns", "2")
	u.RawQuery = q.Encode()
	args = append(args, "--db", u.String(), "--out", out, "--format", "csv", "--jobs", "8")
	cmd, stderr := startAssay(t, args...)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	done := make(chan int, 1)
	go func() { done <- exitCode(t, cmd, 2*time.Minute) }()
	most := 0
	for code := -1; code < 0; {
		select {
		case code = <-done:
			if code != exitOK {
				t.Fatalf("exit %d; stderr:\n%s", code, stderr)
			}
		case <-time.After(10 * time.Millisecond):
			var n int
			if err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity WHERE datname = $1`, dbName(db)).Scan(&n); err != nil {
				t.Fatal(err)
			}
			most = max(most, n)
		}
	}
	if most > 2 {
		t.Errorf("%d connections open on the server at once; the pool holds 2", most)
	}
	m := readManifest(t, out)
	if m.Status != statusOK || len(m.Reports) != 8 {
		t.Fatalf("manifest: status %s, %d reports", m.Status, len(m.Reports))
	}
	for _, r := range m.Reports {
		if r.Rows != 100000 || len(r.Outputs) != 1 {
			t.Errorf("%s: %d rows, outputs %v", r.Report, r.Rows, r.Outputs)
		}
	}
	t.Logf("at most %d connections at once", most)
}

// TestRunJobsCancelledLeaveNoTemps: when the run is cancelled before its
// reports start, runJobs removes every report's temporary files itself —
// before the manifest is written, not after it — and marks each report
// cancelled with no attempt.
func TestRunJobsCancelledLeaveNoTemps(t *testing.T) {
	specs := exampleReports(t)
	s, err := start(context.Background(), specs[0], "", 0, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := t.TempDir()
	o := runOptions{formats: []reports.Format{reports.FormatCSV, reports.FormatJSON}, outDir: out, jobs: 2, retries: 2}
	jobs, err := s.prepare(specs, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := o.openOutputs(jobs); err != nil {
		t.Fatal(err)
	}
	if n := len(tempFiles(t, out)); n != 2*len(jobs) {
		t.Fatalf("%d temporary files before the run, want %d", n, 2*len(jobs))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	log, err := newLogger(io.Discard, logText, false, &engine.Secrets{})
	if err != nil {
		t.Fatal(err)
	}
	(&runner{s: s, log: log, o: o, stdout: io.Discard}).runJobs(ctx, jobs)
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left when runJobs returned: %v", tmp)
	}
	for _, j := range jobs {
		if j.class != failure.Cancelled || j.rep.Attempts != 0 || len(j.rep.Outputs) != 0 {
			t.Errorf("%s: class %q, attempts %d, outputs %v; want cancelled, not run", j.rep.Report, j.class, j.rep.Attempts, j.rep.Outputs)
		}
	}
}

// TestRunLogJSONNoSecrets: a database that refuses connections, given by
// a URL with a password: the JSON log, its final error record and the
// manifest of the failed run name neither the password nor the URL.
func TestRunLogJSONNoSecrets(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec := writeSpec(t, dir, "count.yaml", "report: count\nfrom: ticks t\nmeasures:\n  ticks: count(*)\n")
	const password = "S3cretPw-4711"
	db := "postgres://reporter:" + password + "@127.0.0.1:1/analytics?sslmode=disable"
	code, _, errs := assay(t, "run", spec, "--db", db, "--out", out, "--retries", "0", "--log-format", "json")
	if code != exitRuntime {
		t.Fatalf("exit %d, want %d: %s", code, exitRuntime, errs)
	}
	recs := jsonLines(t, errs)
	if last := recs[len(recs)-1]; last["exit_code"] != float64(exitRuntime) {
		t.Errorf("last record %v: want the final error with exit_code 1", last)
	}
	manifestText, err := os.ReadFile(filepath.Join(out, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	for what, text := range map[string]string{"stderr": errs, "manifest": string(manifestText)} {
		if strings.Contains(text, password) || strings.Contains(text, "reporter:") {
			t.Errorf("%s shows the URL or its password:\n%s", what, text)
		}
	}
	if m := readManifest(t, out); m.Status != statusFailed || len(m.Reports) != 1 || m.Reports[0].Error == nil || m.Reports[0].Error.Class != "network" {
		t.Errorf("manifest %+v: want failed, class network", m)
	}
	t.Logf("stderr:\n%s", errs)
}
