//go:build !noduckdb

package emrdata

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// loadedDuckDB returns a DuckDB database in a temporary file holding the
// data set of opts.
func loadedDuckDB(t *testing.T, opts Options) (*sql.DB, Stats) {
	t.Helper()
	db, err := sql.Open("duckdb", filepath.Join(t.TempDir(), "emr.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	start := time.Now()
	stats, err := LoadDuckDB(context.Background(), db, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("DuckDB load: %v", time.Since(start))
	return db, stats
}

// duckStrings runs q and returns its rows as text, "NULL" for NULL.
func duckStrings(t *testing.T, db *sql.DB, q string) [][]string {
	t.Helper()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out = append(out, nullStrings(vals))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return out
}

func nullStrings(vals []sql.NullString) []string {
	row := make([]string, len(vals))
	for i, v := range vals {
		row[i] = "NULL"
		if v.Valid {
			row[i] = v.String
		}
	}
	return row
}

func TestLoadDuckDB(t *testing.T) {
	opts := DefaultOptions()
	db, stats := loadedDuckDB(t, opts)
	want := summarize(newWorld(opts))
	for _, name := range TableNames() {
		if stats.Rows[name] != want.rows[name] {
			t.Errorf("Stats.Rows[%s] = %d, want %d", name, stats.Rows[name], want.rows[name])
		}
	}
	for _, c := range scalarChecks(want) {
		if got := duckStrings(t, db, c.query)[0][0]; got != c.want {
			t.Errorf("%s\n got %s, want %s", c.query, got, c.want)
		}
	}
	for _, q := range sanityQueries {
		if got := duckStrings(t, db, q)[0][0]; got != "0" {
			t.Errorf("%s\n = %s, want 0", q, got)
		}
	}
}

func TestLoadDuckDBRejectsExistingTables(t *testing.T) {
	db, _ := loadedDuckDB(t, DefaultOptions())
	if _, err := LoadDuckDB(context.Background(), db, DefaultOptions()); err == nil {
		t.Fatal("second load into the same database succeeded")
	}
	if got := duckStrings(t, db, "SELECT count(*) FROM clinics")[0][0]; got != "12" {
		t.Errorf("after the failed load clinics has %s rows, want 12", got)
	}
}

func TestEnsureDuckDB(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "emr.duckdb")
	ctx := context.Background()
	created, err := EnsureDuckDB(ctx, path, DefaultOptions())
	if err != nil || !created {
		t.Fatalf("first EnsureDuckDB = %v, %v; want true, nil", created, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	created, err = EnsureDuckDB(ctx, path, DefaultOptions())
	if err != nil || created {
		t.Fatalf("second EnsureDuckDB = %v, %v; want false, nil", created, err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("data directory holds %d entries, want only emr.duckdb", len(entries))
	}
	db, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := summarize(newWorld(DefaultOptions())).rows[tableVisits]
	if got := duckStrings(t, db, "SELECT count(*) FROM visits")[0][0]; got != strconv.FormatInt(want, 10) {
		t.Errorf("visits = %s, want %d", got, want)
	}
	t.Logf("example database: %d bytes", info.Size())
}

func TestEnsureDuckDBFailureLeavesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "emr.duckdb")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := EnsureDuckDB(ctx, path, DefaultOptions()); err == nil {
		t.Fatal("EnsureDuckDB with a cancelled context succeeded")
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

// TestDuckDBAppenderRollsBack checks what LoadDuckDB relies on for its
// all-or-nothing load: rows appended inside a transaction go away on ROLLBACK.
func TestDuckDBAppenderRollsBack(t *testing.T) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w := newWorld(DefaultOptions())
	if _, err := conn.ExecContext(ctx, DDL()[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		t.Fatal(err)
	}
	if n, err := appendTable(ctx, conn, w.tables()[0]); err != nil || n != 12 {
		t.Fatalf("appendTable = %d, %v", n, err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM clinics").Scan(&n); err != nil || n != 0 {
		t.Errorf("after ROLLBACK clinics has %d rows (%v), want 0", n, err)
	}
}
