package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
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
