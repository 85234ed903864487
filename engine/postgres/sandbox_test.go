package postgres

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
)

// countSchema is the schema of a query returning one int64 column n.
var countSchema = arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true}}, nil)

// countRows runs a count query on sb and returns its value.
func countRows(t *testing.T, sb engine.Sandbox, sql string) string {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := sb.Query(context.Background(), engine.Query{SQL: sql, Schema: countSchema, Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	rows, _ := readAll(t, r)
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	return rows[0][0]
}

// TestSandboxShadowsAndRollsBack: in a sandbox, an unqualified name reads
// the temporary table with the fixture rows, not the real one; a
// schema-qualified name is refused; after Close the real table is
// unchanged and the temporary one is gone.
func TestSandboxShadowsAndRollsBack(t *testing.T) {
	b := openTest(t)
	ctx := context.Background()
	schema := tempSchema(t, b,
		`CREATE TABLE {s}.t (id integer PRIMARY KEY, amount numeric(4,2) NOT NULL, day date)`,
		`INSERT INTO {s}.t SELECT i, 1, date '2025-01-01' FROM generate_series(1, 5) i`,
		`CREATE TABLE {s}.u (n bigint)`)
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tbl, ok := cat.Lookup(schema, "t")
	if !ok {
		t.Fatal("table not reflected")
	}
	sb, err := b.Sandbox(ctx, []*catalog.Table{tbl})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	if err := sb.Insert(ctx, tbl, []string{"id", "day"}, []any{"7", "2025-10-06"}); err != nil {
		t.Fatal(err)
	}
	if err := sb.Insert(ctx, tbl, []string{"id", "amount"}, []any{"8", "123.5"}); err == nil {
		t.Error("123.5 fit a numeric(4,2)")
	}
	// The failed insert aborted nothing: each insert is its own statement
	// in a transaction that must still work.
	n := countRows(t, sb, `SELECT count(*) AS n FROM t WHERE amount IS NULL AND day = date '2025-10-06'`)
	if n != "1" {
		t.Errorf("the sandbox sees %s fixture rows, want 1", n)
	}
	_, err = sb.Query(ctx, engine.Query{SQL: `SELECT count(*) AS n FROM "` + schema + `"."t"`, Schema: countSchema})
	if !errors.Is(err, engine.ErrNotShadowed) {
		t.Errorf("qualified name: err = %v", err)
	}
	// A report query cannot write to a real table (PostgreSQL lets a
	// read-only transaction write to its temporary tables only).
	if _, err := sb.Query(ctx, engine.Query{SQL: `INSERT INTO "` + schema + `".u VALUES (9) RETURNING n`, Schema: countSchema}); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("write in the sandbox query: err = %v", err)
	}
	if err := sb.Close(); err != nil {
		t.Fatal(err)
	}
	var real int64
	if err := b.pool.QueryRow(ctx, `SELECT count(*) FROM "`+schema+`".t WHERE id <= 5`).Scan(&real); err != nil || real != 5 {
		t.Errorf("real rows: %d, %v", real, err)
	}
	var all int64
	if err := b.pool.QueryRow(ctx, `SELECT count(*) FROM "`+schema+`".t`).Scan(&all); err != nil || all != 5 {
		t.Errorf("the real table changed: %d rows, %v", all, err)
	}
}
