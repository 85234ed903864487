package postgres

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/engine"
)

// withSearchPath returns the test URL with search_path set to path.
func withSearchPath(t *testing.T, path string) string {
	t.Helper()
	u, err := url.Parse(testURL())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", path)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestReflectSearchPath: unqualified names resolve through the URL's
// search_path, first schema first, as they do when the query runs.
func TestReflectSearchPath(t *testing.T) {
	b := openTest(t)
	s1 := tempSchema(t, b, `CREATE TABLE {s}.shared (x int)`, `CREATE TABLE {s}.only_first (x int)`)
	s2 := tempSchema(t, b, `CREATE TABLE {s}.shared (y bigint)`)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pb, err := Open(ctx, withSearchPath(t, s2+","+s1))
	if err != nil {
		t.Fatal(err)
	}
	defer pb.Close()
	cat, err := pb.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"shared": s2, "only_first": s1} {
		tb, ok := cat.Lookup("", name)
		if !ok || tb.Schema != want {
			t.Errorf("Lookup(%q) = %v, want a table of %s", name, tb, want)
		}
	}
	// The query resolves the same names the same way.
	rows := 0
	r, err := pb.Query(ctx, engine.Query{SQL: `SELECT count(*) FROM only_first, shared`, Schema: int64Schema("count")})
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		rows += int(r.RecordBatch().NumRows())
	}
	r.Release()
	if rows != 1 {
		t.Errorf("got %d rows", rows)
	}
}

// TestReflectSearchPathMissing: a search_path with no existing schema fails
// at reflection, before any spec is checked against an empty default.
func TestReflectSearchPathMissing(t *testing.T) {
	openTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pb, err := Open(ctx, withSearchPath(t, "assay_no_such_schema_a, assay_no_such_schema_b"))
	if err != nil {
		t.Fatal(err)
	}
	defer pb.Close()
	_, err = pb.Reflect(ctx)
	if !errors.Is(err, ErrNoSearchPath) || !strings.Contains(err.Error(), "assay_no_such_schema_a") {
		t.Errorf("err = %v", err)
	}
}
