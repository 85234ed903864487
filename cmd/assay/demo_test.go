package main

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldDemoDatabase creates a DuckDB database at path holding only the table
// marker, and leaves its write-ahead log behind, as a killed process would.
func oldDemoDatabase(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA disable_checkpoint_on_shutdown", "CREATE OR REPLACE TABLE marker (x INTEGER)", "INSERT INTO marker VALUES (1)"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".wal"); err != nil {
		t.Fatalf("the old database has no write-ahead log to leave behind: %v", err)
	}
}

func tables(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var names sql.NullString
	if err := db.QueryRow("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables").Scan(&names); err != nil {
		t.Fatal(err)
	}
	return names.String
}

// TestDemoForceReplacesOnlyWhenDone: --force keeps the old database until
// the new one is complete, never meets the old write-ahead log, and
// refuses what is not a DuckDB database.
func TestDemoForceReplacesOnlyWhenDone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "emr.duckdb")
	oldDemoDatabase(t, path)

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // interrupted at once: the old database must survive
	var out, errb strings.Builder
	if code := run(ctx, []string{"demo", "--force", "--db", "duckdb:" + path}, &out, &errb); code == exitOK {
		t.Fatalf("a cancelled demo succeeded: %s", out.String())
	}
	if got := tables(t, path); got != "marker" {
		t.Fatalf("after an interrupted --force the old database holds %q, want marker", got)
	}
	oldDemoDatabase(t, path) // opening it above folded the log in: leave one again

	code, stdout, stderr := assay(t, "demo", "--force", "--db", "duckdb:"+path)
	if code != exitOK {
		t.Fatalf("demo --force: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(path + ".wal"); !os.IsNotExist(err) {
		t.Errorf("the old write-ahead log is still there (%v)", err)
	}
	got := tables(t, path)
	if strings.Contains(got, "marker") || !strings.Contains(got, "visits") {
		t.Errorf("the new database holds %q", got)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*")); len(left) > 0 || !strings.Contains(stdout, "replaced") {
		t.Errorf("temporary files %v; stdout %q", left, stdout)
	}
}

func TestDemoForceRefusesWhatIsNotADuckDBDatabase(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.duckdb")
	if err := os.WriteFile(notes, []byte("my notes, not a database\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notes, dir} {
		code, _, stderr := assay(t, "demo", "--force", "--db", "duckdb:"+path)
		if code != exitUsage || !strings.Contains(stderr, "not a DuckDB database") {
			t.Errorf("%s: exit %d, stderr %q; want exit 2, not a DuckDB database", path, code, stderr)
		}
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "my notes, not a database\n" {
		t.Errorf("the file was changed (now %d bytes, %v)", len(b), err)
	}
}
