//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/engine"
)

// TestSandboxIsAFreshCopy: a sandbox of a file database has its tables
// (types and keys) but none of its rows, takes fixture rows, refuses a
// duplicate key and a value that does not fit, and leaves the file as it
// was.
func TestSandboxIsAFreshCopy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "real.db")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, `CREATE SCHEMA s`, `CREATE TABLE s.t (id INTEGER PRIMARY KEY, amount DECIMAL(4,2) NOT NULL, day DATE)`,
		`INSERT INTO s.t SELECT i, 1, DATE '2025-01-01' FROM range(5) r(i)`)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tbl, _ := cat.Lookup("s", "t")
	sb, err := b.Sandbox(ctx, cat.Sorted())
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	count := engine.Query{SQL: `SELECT count(*) FROM s.t`, Schema: int64Schema("n")}
	if rows := queryRows(t, sb.(*Sandbox).Backend, count); rows[0][0] != "0" {
		t.Fatalf("the sandbox holds real rows: %v", rows)
	}
	// amount is NOT NULL in the file, but a fixture may leave it out.
	if err := sb.Insert(ctx, tbl, []string{"id", "day"}, []any{"1", "2025-10-06"}); err != nil {
		t.Fatal(err)
	}
	if err := sb.Insert(ctx, tbl, []string{"id"}, []any{"1"}); err == nil || !strings.Contains(err.Error(), "onstraint") {
		t.Errorf("duplicate key: err = %v", err)
	}
	if err := sb.Insert(ctx, tbl, []string{"id", "amount"}, []any{"2", "123.5"}); err == nil {
		t.Error("123.5 fit a DECIMAL(4,2)")
	}
	sum := engine.Query{SQL: `SELECT count(*) FROM s.t WHERE day = DATE '2025-10-06' AND amount IS NULL`, Schema: int64Schema("n")}
	if rows := queryRows(t, sb.(*Sandbox).Backend, sum); rows[0][0] != "1" {
		t.Errorf("fixture rows: %v", rows)
	}
	if rows := queryRows(t, b, count); rows[0][0] != "5" {
		t.Errorf("the file changed: %v rows", rows)
	}
}
