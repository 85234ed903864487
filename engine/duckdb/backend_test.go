//go:build !noduckdb

package duckdb

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// memoryDB opens a writable in-memory database, runs setup on it and
// returns a Backend over it.
func memoryDB(t testing.TB, setup ...string) (*Backend, *sql.DB) {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	exec(t, db, setup...)
	return OpenDB(db), db
}

// exec runs statements on db.
func exec(t testing.TB, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// readAll reads every batch of r, returning the formatted values of each
// row and the batch sizes.
func readAll(t *testing.T, r array.RecordReader) ([][]string, []int64) {
	t.Helper()
	var rows [][]string
	var sizes []int64
	for r.Next() {
		rec := r.RecordBatch()
		sizes = append(sizes, rec.NumRows())
		for i := 0; i < int(rec.NumRows()); i++ {
			row := make([]string, rec.NumCols())
			for j, col := range rec.Columns() {
				row[j] = col.ValueStr(i)
			}
			rows = append(rows, row)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatalf("reader: %v", err)
	}
	return rows, sizes
}

// int64Schema is a one-column schema of Int64.
func int64Schema(name string) *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{{Name: name, Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)
}

// queryRows runs sql with a checked allocator and returns its rows.
func queryRows(t *testing.T, b *Backend, q engine.Query) [][]string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	q.Alloc = mem
	r, err := b.Query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	rows, _ := readAll(t, r)
	return rows
}

func TestDialectAndDSN(t *testing.T) {
	if got := OpenDB(nil).Dialect(); got != dialect.DuckDB {
		t.Errorf("Dialect() = %v", got)
	}
	cases := map[string]string{
		"":               "?enable_external_access=false",
		Memory:           "?enable_external_access=false",
		"a.db":           "a.db?access_mode=READ_ONLY&enable_external_access=false",
		"a.db?threads=2": "a.db?access_mode=READ_ONLY&enable_external_access=false&threads=2",
		// The URL cannot turn external access or writing back on.
		"a.db?Enable_External_Access=true&access_mode=read_write": "a.db?access_mode=READ_ONLY&enable_external_access=false",
	}
	for path, want := range cases {
		if got, err := dsn(path); err != nil || got != want {
			t.Errorf("dsn(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
}

func TestOpenFileReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := sql.Open("duckdb", path)
	if err != nil {
		t.Fatal(err)
	}
	exec(t, db, `CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR)`,
		`INSERT INTO t SELECT i, 'n' || i FROM range(5) r(i)`)
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
	if tb, ok := cat.Lookup("", "t"); !ok || len(tb.Columns) != 2 || tb.PrimaryKey[0] != "id" {
		t.Fatalf("reflected %v", cat.TableNames())
	}
	rows := queryRows(t, b, engine.Query{SQL: `SELECT count(*) FROM t`, Schema: int64Schema("n")})
	if rows[0][0] != "5" {
		t.Errorf("count = %v", rows)
	}
	// Writes fail twice over: the file is read-only and so is the transaction.
	_, err = b.Query(ctx, engine.Query{SQL: `INSERT INTO t VALUES (9, 'x') RETURNING id`, Schema: int64Schema("id")})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("INSERT: err = %v", err)
	}
	if _, err := b.db.ExecContext(ctx, `CREATE TABLE u (a INT)`); err == nil {
		t.Error("the file was opened writable")
	}

	if _, err := Open(ctx, filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("opening a missing file read-only succeeded")
	}
}

func TestOpenMemory(t *testing.T) {
	b, err := Open(context.Background(), Memory)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rows := queryRows(t, b, engine.Query{SQL: `SELECT 42::BIGINT`, Schema: int64Schema("x")})
	if rows[0][0] != "42" {
		t.Errorf("got %v", rows)
	}
}
