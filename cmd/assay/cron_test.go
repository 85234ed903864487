package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// cronDBs counts the per-test databases of this test binary.
var cronDBs atomic.Int64

// slowListing is a listing over slow_ticks: PostgreSQL sends its rows
// one by one, every millisecond or so, 4000 rows of 70 bytes in about 4 s,
// so a test can act while the query runs and rows are being written (the
// writers flush every 64 KiB).
const slowListing = `report: slow_listing
from: slow_ticks t
dimensions:
  n: t.n
  label: t.label
`

// cronDB creates a PostgreSQL database for one test, dropped at its end:
// ticks (4000 rows), the view slow_ticks over it that takes 1 ms a row,
// and wide (100,000 rows of about 60 bytes) for outputs of several MB.
func cronDB(t *testing.T) string {
	t.Helper()
	postgresDB(t) // skips, or fails under CI, without a server
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := fmt.Sprintf("assay_cron_%d_%d", os.Getpid(), cronDBs.Add(1))
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		if a, err := pgx.Connect(ctx, adminURL()); err == nil {
			a.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			a.Close(ctx)
		}
	})
	u, err := url.Parse(adminURL())
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	loadCronTables(t, u.String())
	return u.String()
}

// loadCronTables creates the tables and the slow view of cronDB in db.
func loadCronTables(t *testing.T, db string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		`CREATE TABLE ticks (n int PRIMARY KEY, label text NOT NULL)`,
		`INSERT INTO ticks SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 4000) g`,
		// A volatile SQL function of two statements is not inlined: the
		// sleep happens once per row, as the row is produced.
		`CREATE FUNCTION slow(n int) RETURNS int LANGUAGE sql VOLATILE AS $$ SELECT pg_sleep(0.001); SELECT n $$`,
		`CREATE VIEW slow_ticks AS SELECT slow(n) AS n, label FROM ticks`,
		`CREATE TABLE wide (n int PRIMARY KEY, label text NOT NULL)`,
		`INSERT INTO wide SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 100000) g`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// writeSpec writes a spec file and returns its path.
func writeSpec(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// startAssay starts the built binary; its stderr is collected in the
// returned buffer.
func startAssay(t *testing.T, args ...string) (*exec.Cmd, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(assayBinary(t), args...)
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, stderr
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// exitCode waits for cmd and returns its exit code and how long it took
// after since.
func exitCode(t *testing.T, cmd *exec.Cmd, limit time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("%v still running after %s", cmd.Args, limit)
		return -1
	}
}

// activeSlowQueries returns the backends of database db running the slow
// listing.
func activeSlowQueries(t *testing.T, db string) []int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db) // pg_stat_activity shows the whole server
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity
		WHERE datname = $1 AND state = 'active' AND query LIKE '%slow_ticks%' AND pid <> pg_backend_pid()`, dbName(db))
	if err != nil {
		t.Fatal(err)
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatal(err)
	}
	return pids
}

func dbName(rawURL string) string {
	u, _ := url.Parse(rawURL)
	return strings.TrimPrefix(u.Path, "/")
}

// waitMidStream waits until the slow listing runs on the server and some
// of its rows are in a temporary file of dir; it returns the backend's PID.
func waitMidStream(t *testing.T, db, dir string, cmd *exec.Cmd, stderr *syncBuffer) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if cmd.ProcessState != nil {
			t.Fatalf("assay ended early; stderr:\n%s", stderr)
		}
		pids := activeSlowQueries(t, db)
		if len(pids) == 1 {
			for _, tmp := range tempFiles(t, dir) {
				if info, err := os.Stat(filepath.Join(dir, tmp)); err == nil && info.Size() > 0 && strings.Contains(tmp, "slow_listing") {
					return pids[0]
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the slow listing never streamed into %s; stderr:\n%s", dir, stderr)
	return 0
}

// tempFiles lists the temporary output files (.NAME.tmp-PID-N) of dir.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// readManifest reads DIR/manifest.json and checks every output it lists
// against the file: size and SHA-256.
func readManifest(t *testing.T, dir string) manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("manifest: %v\n%s", err, data)
	}
	for _, r := range m.Reports {
		for _, o := range r.Outputs {
			b, err := os.ReadFile(filepath.Join(dir, o.Path))
			if err != nil {
				t.Errorf("%s: %v", r.Report, err)
				continue
			}
			sum := sha256.Sum256(b)
			if int64(len(b)) != o.Bytes || hex.EncodeToString(sum[:]) != o.SHA256 {
				t.Errorf("%s: %s has %d bytes, sha256 %x; the manifest says %d, %s", r.Report, o.Path, len(b), sum, o.Bytes, o.SHA256)
			}
		}
	}
	return m
}

func lineCount(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

// TestRunRetriesTerminatedBackend: the report's backend is terminated
// while its rows stream into the output; the report runs again from
// scratch and succeeds on its second attempt with every row.
func TestRunRetriesTerminatedBackend(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	cmd, stderr := startAssay(t, "run", spec, "--db", db, "--out", out, "--format", "csv,json", "--batch-size", "50", "--log-format", "json")
	pid := waitMidStream(t, db, out, cmd, stderr)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, adminURL())
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	err = conn.QueryRow(ctx, "SELECT pg_terminate_backend($1)", pid).Scan(&ok)
	conn.Close(ctx)
	if err != nil || !ok {
		t.Fatalf("pg_terminate_backend(%d): %v %v", pid, ok, err)
	}
	if code := exitCode(t, cmd, time.Minute); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	m := readManifest(t, out)
	if m.Status != statusOK || len(m.Reports) != 1 {
		t.Fatalf("manifest: %+v", m)
	}
	r := m.Reports[0]
	if r.Attempts != 2 || r.Rows != 4000 || r.Error != nil || len(r.Outputs) != 2 {
		t.Errorf("report: attempts %d, rows %d, error %v, outputs %v; want 2 attempts, 4000 rows", r.Attempts, r.Rows, r.Error, r.Outputs)
	}
	if n := lineCount(t, filepath.Join(out, "slow_listing.csv")); n != 4001 {
		t.Errorf("slow_listing.csv has %d lines, want 4001", n)
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if !strings.Contains(stderr.String(), `"msg":"report failed, retrying"`) || !strings.Contains(stderr.String(), `"class":"`) {
		t.Errorf("no retry logged; stderr:\n%s", stderr)
	}
	t.Logf("stderr:\n%s", stderr)
}

// TestRunSignalsMidStream: SIGTERM while rows stream cancels the query on
// the server, removes the temporary files, keeps the old output, writes
// the manifest with status cancelled and exits 1 within 5 s. SIGKILL
// leaves temporary names only, which the next run removes.
func TestRunSignalsMidStream(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	spec := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	fast := writeSpec(t, dir, "fast_count.yaml", "report: fast_count\nfrom: ticks t\nmeasures:\n  ticks: count(*)\n")
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(sig.String(), " ", "_"))
			if err := os.MkdirAll(out, 0o755); err != nil {
				t.Fatal(err)
			}
			old := filepath.Join(out, "slow_listing.csv")
			if err := os.WriteFile(old, []byte("n,label\nold,good\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd, stderr := startAssay(t, "run", fast, spec, "--db", db, "--out", out, "--format", "csv", "--batch-size", "50", "--jobs", "1")
			waitMidStream(t, db, out, cmd, stderr)
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			code := exitCode(t, cmd, 20*time.Second)
			took := time.Since(sent)
			active := activeSlowQueries(t, db)
			t.Logf("exit %d %s after %s; stderr:\n%s", code, took.Round(time.Millisecond), sig, stderr)
			if got, _ := os.ReadFile(old); string(got) != "n,label\nold,good\n" {
				t.Errorf("the old output changed: %q", got)
			}
			if sig == syscall.SIGKILL {
				tmps := tempFiles(t, out)
				if len(tmps) == 0 {
					t.Errorf("no temporary file after SIGKILL mid-stream")
				}
				if _, err := os.Stat(filepath.Join(out, manifestName)); err == nil {
					t.Errorf("a manifest after SIGKILL")
				}
				// No cancel request was sent: the server stops the query
				// when it finds the connection gone, at its next rows.
				for deadline := time.Now().Add(10 * time.Second); len(active) > 0 && time.Now().Before(deadline); {
					time.Sleep(50 * time.Millisecond)
					active = activeSlowQueries(t, db)
				}
				if len(active) > 0 {
					t.Errorf("the slow query still runs 10s after assay was killed: backends %v", active)
				}
				// fast_count ran first and committed; slow_listing is old.
				// The next run removes the temporary files, takes the lock over.
				code, _, errs := assay(t, "run", fast, "--db", db, "--out", out, "--format", "csv")
				if code != exitOK {
					t.Fatalf("next run: exit %d: %s", code, errs)
				}
				if left := tempFiles(t, out); len(left) > 0 {
					t.Errorf("the next run left %v", left)
				}
				if !strings.Contains(errs, "removed temporary files left by killed runs") || !strings.Contains(errs, "took over the lock") {
					t.Errorf("the next run did not say it cleaned up: %s", errs)
				}
				return
			}
			if code != exitRuntime || took > 5*time.Second {
				t.Errorf("exit %d after %s, want %d within 5s", code, took, exitRuntime)
			}
			if len(active) > 0 {
				t.Errorf("the slow query still runs on the server after assay exited: backends %v", active)
			}
			if tmps := tempFiles(t, out); len(tmps) > 0 {
				t.Errorf("temporary files left: %v", tmps)
			}
			m := readManifest(t, out)
			if m.Status != statusCancelled || len(m.Reports) != 2 {
				t.Fatalf("manifest: %+v", m)
			}
			if r := m.Reports[0]; r.Error != nil || r.Rows != 1 || len(r.Outputs) != 1 {
				t.Errorf("fast_count: %+v", r)
			}
			if r := m.Reports[1]; r.Error == nil || r.Error.Class != "cancelled" || len(r.Outputs) != 0 {
				t.Errorf("slow_listing: %+v", r)
			}
			if _, err := os.Stat(filepath.Join(out, lockName)); err == nil {
				t.Errorf("lock file left")
			}
		})
	}
}

// TestRunLockOverlap: a second run into the --out of a running one exits
// 1 at once naming the lock and the holder's PID; with --wait-lock it
// waits and then runs.
func TestRunLockOverlap(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	spec := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	fast := writeSpec(t, dir, "fast_count.yaml", "report: fast_count\nfrom: ticks t\nmeasures:\n  ticks: count(*)\n")
	first, firstErr := startAssay(t, "run", spec, "--db", db, "--out", out, "--format", "csv", "--batch-size", "50")
	waitMidStream(t, db, out, first, firstErr)

	started := time.Now()
	code, _, errs := assay(t, "run", fast, "--db", db, "--out", out, "--format", "csv")
	took := time.Since(started)
	lock := filepath.Join(out, lockName)
	if code != exitRuntime || !strings.Contains(errs, lock) || !strings.Contains(errs, fmt.Sprint(first.Process.Pid)) {
		t.Errorf("second run: exit %d, stderr %q; want 1 naming %s and PID %d", code, errs, lock, first.Process.Pid)
	}
	if _, err := os.Stat(filepath.Join(out, "fast_count.csv")); err == nil {
		t.Errorf("the locked-out run wrote its output")
	}
	t.Logf("locked out after %s: %s", took.Round(time.Millisecond), strings.TrimSpace(errs))

	waiter, waiterErr := startAssay(t, "run", fast, "--db", db, "--out", out, "--format", "csv", "--wait-lock", "1m")
	if code := exitCode(t, first, time.Minute); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, firstErr)
	}
	if code := exitCode(t, waiter, time.Minute); code != exitOK {
		t.Fatalf("waiting run: exit %d: %s", code, waiterErr)
	}
	// The waiting run finished last: the manifest is its own.
	m := readManifest(t, out)
	if len(m.Reports) != 1 || m.Reports[0].Report != "fast_count" || m.Status != statusOK {
		t.Errorf("manifest: %+v", m)
	}
	if n := lineCount(t, filepath.Join(out, "slow_listing.csv")); n != 4001 {
		t.Errorf("slow_listing.csv has %d lines", n)
	}
	if _, err := os.Stat(lock); err == nil {
		t.Errorf("lock file left after both runs")
	}
}

// TestRunStaleLock: a lock file left by a process that no longer exists
// is taken over.
func TestRunStaleLock(t *testing.T) {
	db := duckDB(t)
	out := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	pid := fmt.Sprint(dead.Process.Pid)
	lock := filepath.Join(out, lockName)
	if err := os.WriteFile(lock, []byte(pid+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := "../../examples/emr/reports/service_mix.yaml"
	code, _, errs := assay(t, "run", spec, "--db", db, "--out", out, "--format", "csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "took over the lock") || !strings.Contains(errs, "pid="+pid) {
		t.Errorf("stderr does not say the lock of %s was taken over: %s", pid, errs)
	}
	if _, err := os.Stat(lock); err == nil {
		t.Errorf("lock file left")
	}
	if m := readManifest(t, out); m.Status != statusOK || len(m.Reports) != 1 {
		t.Errorf("manifest %+v", m)
	}
}

// TestRunFiftyReports: 50 example-sized reports with --jobs 4 on
// PostgreSQL, every output checked against the manifest's checksums.
func TestRunFiftyReports(t *testing.T) {
	db := postgresDB(t)
	dir := t.TempDir()
	specDir := filepath.Join(dir, "reports")
	if err := os.MkdirAll(specDir, 0o755); err != nil {
		t.Fatal(err)
	}
	examples := exampleReports(t)
	var names []string
	for i := 0; len(names) < 50; i++ {
		src := examples[i%len(examples)]
		text, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("%s_%02d", reportName(src), i)
		renamed := strings.Replace(string(text), "report: "+reportName(src), "report: "+name, 1)
		writeSpec(t, specDir, name+".yaml", renamed)
		names = append(names, name)
	}
	slices.Sort(names) // the order of the folder's files
	// Not report specs: a test spec and the project file are skipped.
	writeSpec(t, specDir, "x.test.yaml", "tests: []\n")
	writeSpec(t, specDir, "assay.yaml", "timezone: UTC\n")
	out := filepath.Join(dir, "out")
	code, _, errs := assay(t, "run", specDir, "--db", db, "--out", out, "--format", "csv,json,parquet", "--jobs", "4", "--manifest-sql")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := readManifest(t, out)
	if m.Status != statusOK || len(m.Reports) != 50 {
		t.Fatalf("status %s, %d reports", m.Status, len(m.Reports))
	}
	files := 0
	byExample := map[string][]string{}
	for i, r := range m.Reports {
		if r.Report != names[i] || r.Error != nil || r.Attempts != 1 || r.Rows == 0 || len(r.Outputs) != 3 ||
			r.Database != dbName(db) || len(r.SpecSHA256) != 64 || len(r.SQLHash) != 64 || r.SQL == "" {
			t.Errorf("report %d: %s (want %s): error %v, attempts %d, rows %d, %d outputs, database %q",
				i, r.Report, names[i], r.Error, r.Attempts, r.Rows, len(r.Outputs), r.Database)
		}
		if sum := sha256.Sum256([]byte(r.SQL)); hex.EncodeToString(sum[:]) != r.SQLHash {
			t.Errorf("%s: sql_sha256 is not the SHA-256 of its sql", r.Report)
		}
		files += len(r.Outputs)
		example := r.Report[:len(r.Report)-3]
		byExample[example] = append(byExample[example], r.Outputs[0].SHA256)
	}
	// The copies of one example give the same CSV: outputs are deterministic.
	for example, sums := range byExample {
		if len(slices.Compact(slices.Clone(sums))) != 1 {
			t.Errorf("the copies of %s wrote different CSV files: %v", example, sums)
		}
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != files+1 { // and manifest.json
		t.Errorf("%d files in %s, want %d outputs and the manifest", len(entries), out, files)
	}
	if strings.Count(errs, `msg="report done"`) != 50 || strings.Count(errs, `msg="report started"`) != 50 {
		t.Errorf("want one start and one end line per report; stderr:\n%s", errs)
	}
	t.Logf("%d reports, %d files, in %s", len(m.Reports), files, m.FinishedAt.Sub(m.StartedAt))
}

// TestRunDiskFull: a 2 MB tmpfs as --out. The report too large for it
// fails with a disk error naming its file and leaves the old file as it
// was; the reports before and after it are written.
func TestRunDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a 2 MB tmpfs needs root; run the tests as root to cover a full disk")
	}
	db := cronDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", out).CombinedOutput(); err != nil {
		t.Fatalf("mount tmpfs: %v: %s", err, b)
	}
	t.Cleanup(func() { _ = exec.Command("umount", out).Run() })
	old := filepath.Join(out, "b_wide.csv")
	if err := os.WriteFile(old, []byte("n,label\n1,old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	small := "from: ticks t\nmeasures:\n  ticks: count(*)\n"
	a := writeSpec(t, dir, "a_count.yaml", "report: a_count\n"+small)
	b := writeSpec(t, dir, "b_wide.yaml", "report: b_wide\nfrom: wide w\ndimensions:\n  n: w.n\n  label: w.label\n")
	c := writeSpec(t, dir, "c_count.yaml", "report: c_count\n"+small)
	code, _, errs := assay(t, "run", a, b, c, "--db", db, "--out", out, "--format", "csv", "--jobs", "1")
	if code != exitRuntime {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	if got, _ := os.ReadFile(old); string(got) != "n,label\n1,old\n" {
		t.Errorf("the old file changed: %.100q", got)
	}
	m := readManifest(t, out)
	if m.Status != statusFailed || len(m.Reports) != 3 {
		t.Fatalf("manifest %+v", m)
	}
	if r := m.Reports[1]; r.Error == nil || r.Error.Class != "disk" || !strings.Contains(r.Error.Message, old) ||
		!strings.Contains(r.Error.Message, "no space left on device") || r.Attempts != 1 || len(r.Outputs) != 0 {
		t.Errorf("b_wide: %+v %+v", r, r.Error)
	}
	for _, r := range []manifestReport{m.Reports[0], m.Reports[2]} {
		if r.Error != nil || len(r.Outputs) != 1 {
			t.Errorf("%s: %+v", r.Report, r)
		}
	}
	if tmp := tempFiles(t, out); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	if !strings.Contains(errs, "b_wide (disk): ") || !strings.Contains(errs, "write "+old+": no space left on device") {
		t.Errorf("stderr does not name the file: %s", errs)
	}
	t.Logf("stderr:\n%s", errs)
}

// TestRunNotRetried: a statement timeout and a permission error fail
// their reports at the first attempt, with their classes, although
// --retries allows three more.
func TestRunNotRetried(t *testing.T) {
	db := cronDB(t)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	role := fmt.Sprintf("assay_cron_ro_%d", os.Getpid())
	for _, stmt := range []string{"DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN", "GRANT SELECT ON slow_ticks TO " + role} {
		if _, err := admin.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	admin.Close(ctx)
	t.Cleanup(func() {
		if a, err := pgx.Connect(ctx, adminURL()); err == nil {
			a.Exec(ctx, "DROP DATABASE IF EXISTS "+dbName(db)+" WITH (FORCE)")
			a.Exec(ctx, "DROP ROLE IF EXISTS "+role)
			a.Close(ctx)
		}
	})
	dir := t.TempDir()
	slow := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	denied := writeSpec(t, dir, "denied.yaml", "report: denied\nfrom: ticks t\nmeasures:\n  ticks: count(*)\n")
	out := filepath.Join(dir, "out")
	asRole := strings.Replace(db, "postgres://postgres@", "postgres://"+role+"@", 1)
	code, _, errs := assay(t, "run", slow, denied, "--db", asRole, "--out", out, "--format", "csv", "--timeout", "300ms", "--retries", "3")
	if code != exitRuntime {
		t.Fatalf("exit %d: %s", code, errs)
	}
	m := readManifest(t, out)
	want := map[string]string{"slow_listing": "timeout", "denied": "database"}
	for _, r := range m.Reports {
		if r.Error == nil || string(r.Error.Class) != want[r.Report] || r.Attempts != 1 {
			t.Errorf("%s: attempts %d, error %+v; want class %s at the first attempt", r.Report, r.Attempts, r.Error, want[r.Report])
		}
	}
	if strings.Contains(errs, "retrying") {
		t.Errorf("retried: %s", errs)
	}
	t.Logf("stderr:\n%s", errs)
}

// TestRunStatementTimeoutFromProject: a database's statement_timeout in
// assay.yaml is the run's --timeout unless the flag is given.
func TestRunStatementTimeoutFromProject(t *testing.T) {
	db := cronDB(t)
	dir := t.TempDir()
	project := "default_database: slow\ndatabases:\n  slow:\n    url: " + db + "\n    statement_timeout: 300ms\n"
	writeSpec(t, dir, "assay.yaml", project)
	slow := writeSpec(t, dir, "slow_listing.yaml", slowListing)
	out := filepath.Join(dir, "out")
	code, _, errs := assay(t, "run", slow, "--out", out, "--format", "csv", "--retries", "0")
	if code != exitRuntime {
		t.Fatalf("with statement_timeout 300ms: exit %d, want %d: %s", code, exitRuntime, errs)
	}
	if m := readManifest(t, out); len(m.Reports) != 1 || m.Reports[0].Error == nil || m.Reports[0].Error.Class != "timeout" {
		t.Fatalf("manifest %+v; want one report failed with class timeout", m.Reports)
	}
	// --timeout on the command line wins over the project's setting.
	code, _, errs = assay(t, "run", slow, "--out", out, "--format", "csv", "--retries", "0", "--timeout", "1m")
	if code != 0 {
		t.Fatalf("with --timeout 1m: exit %d: %s", code, errs)
	}
	if n := lineCount(t, filepath.Join(out, "slow_listing.csv")); n != 4001 {
		t.Errorf("slow_listing.csv has %d lines, want 4001", n)
	}
}
