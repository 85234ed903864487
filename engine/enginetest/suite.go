package enginetest

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
)

// Target is one backend under test.
type Target struct {
	// Name names the backend in test output.
	Name string
	// Dialect is the backend's dialect; the suite writes its tables and
	// queries with it.
	Dialect *dialect.Dialect
	// Open opens the database at url as assay does for a user.
	Open func(ctx context.Context, url string) (engine.Backend, error)
	// Create makes a fresh, empty database, runs the setup statements on
	// it with write access and returns the URL that Open takes. It removes
	// the database when the test ends, and fails the test (never skips it
	// under CI) when the database server is unreachable.
	Create func(t testing.TB, setup []string) string
	// Column, when set, spells a column of the test tables for a
	// database whose CAST types are not column types (MySQL's CAST takes
	// SIGNED and CHAR): the type for CREATE TABLE and the SQL of the kinds
	// table's test value (shown is the value as Arrow prints it; "" keeps
	// the portable CAST). ok false says the database has no such kind
	// (MySQL has no interval): the suite leaves it out of every check.
	Column func(t catalog.Type, shown string) (ddl, value string, ok bool)
}

// columnType returns the DDL type of t and whether the target has it.
func (s *suite) columnType(t catalog.Type) (string, bool) {
	if s.target.Column == nil {
		return s.d.TypeName(t), true
	}
	ddl, _, ok := s.target.Column(t, "")
	return ddl, ok
}

// has reports whether the target has columns of kind k.
func (s *suite) has(k catalog.Kind) bool {
	_, ok := s.columnType(catalog.Of(k))
	return ok
}

// suite is one run: the target and its open database.
type suite struct {
	target Target
	d      *dialect.Dialect
	b      engine.Backend
}

// Run creates the test database of target and runs every check on it.
func Run(t *testing.T, target Target) {
	s := &suite{target: target, d: target.Dialect}
	url := target.Create(t, s.setup())
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	b, err := target.Open(ctx, url)
	if err != nil {
		t.Fatalf("%s: open the test database: %v", target.Name, err)
	}
	t.Cleanup(func() { _ = b.Close() })
	if b.Dialect() != target.Dialect {
		t.Errorf("%s: Dialect() = %v, want %v", target.Name, b.Dialect(), target.Dialect)
	}
	s.b = b
	t.Run("Reflect", s.testReflect)
	t.Run("Types", s.testTypes)
	t.Run("Conversions", s.testConversions)
	t.Run("BindValues", s.testBindValues)
	t.Run("Batching", s.testBatching)
	t.Run("ReadOnly", s.testReadOnly)
	t.Run("Timeout", s.testTimeout)
	t.Run("TimeoutWhileStreaming", s.testTimeoutWhileStreaming)
	t.Run("Cancel", s.testCancel)
	t.Run("EarlyRelease", s.testEarlyRelease)
}

// result is what a query gave: each row's values as Arrow prints them,
// the sizes of the batches, and the error that ended it.
type result struct {
	rows    [][]string
	batches []int64
	err     error
}

// query runs q with a checked allocator, reads the whole result and checks
// that every buffer was released.
func (s *suite) query(t *testing.T, ctx context.Context, q engine.Query) result {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	q.Alloc = mem
	rr, err := s.b.Query(ctx, q)
	if err != nil {
		return result{err: err}
	}
	defer rr.Release()
	var res result
	for rr.Next() {
		rec := rr.RecordBatch()
		if !rec.Schema().Equal(q.Schema) {
			t.Errorf("a batch has schema %v, want the query's %v", rec.Schema(), q.Schema)
		}
		res.batches = append(res.batches, rec.NumRows())
		res.rows = append(res.rows, rowStrings(rec)...)
	}
	res.err = rr.Err()
	return res
}

// rowStrings prints each row of rec, NULL as "NULL".
func rowStrings(rec arrow.RecordBatch) [][]string {
	rows := make([][]string, rec.NumRows())
	for i := range rows {
		rows[i] = make([]string, rec.NumCols())
		for j, col := range rec.Columns() {
			if col.IsNull(i) {
				rows[i][j] = "NULL"
			} else {
				rows[i][j] = col.ValueStr(i)
			}
		}
	}
	return rows
}

// schema is a schema of nullable fields, given as name, type pairs.
func schema(fields ...any) *arrow.Schema {
	out := make([]arrow.Field, 0, len(fields)/2)
	for i := 0; i+1 < len(fields); i += 2 {
		out = append(out, arrow.Field{Name: fields[i].(string), Type: fields[i+1].(arrow.DataType), Nullable: true})
	}
	return arrow.NewSchema(out, nil)
}

// readOne starts q and reads its first batch; the caller releases the
// reader.
func (s *suite) readOne(t *testing.T, ctx context.Context, q engine.Query) array.RecordReader {
	t.Helper()
	rr, err := s.b.Query(ctx, q)
	if err != nil {
		t.Fatalf("query: %v", err)
	}
	if !rr.Next() {
		rr.Release()
		t.Fatalf("no first batch: %v", rr.Err())
	}
	return rr
}
