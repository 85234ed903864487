//go:build !noduckdb

package goldentest

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/reports"
)

var update = flag.Bool("update", false, "rewrite the golden files (result.csv, the catalogs' JSON)")

// casesDir is the compiler's corpus, which this package runs.
const casesDir = "../../compiler/goldentest/testdata/cases"

// TestGolden runs every case of the compiler's corpus on both databases:
// the two results, the hand-written query's and the --inline SQL's must
// all be the same rows, result.csv. Compiled against each database's
// reflected catalog, a case must render the corpus's golden SQL (the
// compiler's tests compile against the catalogs' JSON).
func TestGolden(t *testing.T) {
	duckdb := duck(t)
	for _, c := range corpus.Cases(t, casesDir) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.KnownBug != "" {
				t.Skip("known bug: " + c.KnownBug)
			}
			cp := c.Compile(t, duckdb.catalog)
			sameSQL(t, c, cp, "duckdb")
			got := check(t, c, duckdb, cp, "duckdb")
			corpus.CheckGolden(t, filepath.Join(c.Dir, "result.csv"), got, *update)
			pgdb := pg(t)
			pcp := c.Compile(t, pgdb.catalog)
			sameSQL(t, c, pcp, "postgres")
			if pgot := check(t, c, pgdb, pcp, "postgres"); !same(c, pgot, got) {
				t.Errorf("PostgreSQL and DuckDB results differ (PostgreSQL first):\n%s", corpus.FirstDifference(pgot, got))
			}
		})
	}
}

// sameSQL checks that the plan from a database's catalog prints as the
// corpus's plan.txt and renders its golden SQL for both dialects.
func sameSQL(t *testing.T, c corpus.Case, cp corpus.Compiled, from string) {
	t.Helper()
	plan, err := os.ReadFile(filepath.Join(c.Dir, "plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cp.Plan.String(); got != string(plan) {
		t.Errorf("the plan from %s's catalog prints other than plan.txt:\n%s", from, corpus.FirstDifference(got, string(plan)))
	}
	for _, d := range corpus.Dialects {
		got, err := cp.SQL(d.Dialect)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(c.Dir, d.Name+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("the plan from %s's catalog renders other %s SQL than the golden file:\n%s", from, d.Name, corpus.FirstDifference(got, string(want)))
		}
	}
}

// check runs the case on one database and compares the result with the
// hand-written query and the inline SQL; it returns the result as CSV.
func check(t *testing.T, c corpus.Case, db *database, cp corpus.Compiled, dialect string) string {
	t.Helper()
	ctx := context.Background()
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := engine.Run(ctx, db.backend, cp.Plan, cp.Values, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("run on %s: %v", dialect, err)
	}
	got := toCSV(t, rr, dialect)
	if want := queryCSV(t, db, cp, handwritten(t, c, dialect), dialect); !same(c, got, want) {
		t.Errorf("%s: the report differs from the hand-written query (report first):\n%s", dialect, corpus.FirstDifference(got, want))
	}
	inline, err := engine.Render(cp.Plan, db.backend.Dialect(), cp.Values, true)
	if err != nil {
		t.Fatalf("render inline %s: %v", dialect, err)
	}
	if len(inline.Args) > 0 || strings.Contains(inline.SQL, "$1") {
		t.Fatalf("%s: inline SQL still has placeholders:\n%s", dialect, inline.SQL)
	}
	if dialect == "duckdb" {
		if in := queryCSV(t, db, cp, inline.SQL, dialect); in != got {
			t.Errorf("duckdb: the inline SQL gives other rows (inline first):\n%s", corpus.FirstDifference(in, got))
		}
	} else {
		comparePsql(t, db.url, inline.SQL, got)
	}
	return got
}

// handwritten reads the case's hand-written query for the dialect.
func handwritten(t *testing.T, c corpus.Case, dialect string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.Dir, "handwritten."+dialect+".sql"))
	if os.IsNotExist(err) {
		b, err = os.ReadFile(filepath.Join(c.Dir, "handwritten.sql"))
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(strings.TrimSpace(string(b)), ";")
}

// queryCSV runs sql on db with the plan's Arrow schema and returns the CSV.
func queryCSV(t *testing.T, db *database, cp corpus.Compiled, sql, dialect string) string {
	t.Helper()
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := db.backend.Query(context.Background(), engine.Query{SQL: sql, Schema: cp.Plan.Result.QuerySchema(), Alloc: alloc, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("%s: %v\n%s", dialect, err, sql)
	}
	return toCSV(t, rr, dialect)
}

func toCSV(t *testing.T, rr array.RecordReader, dialect string) string {
	t.Helper()
	defer rr.Release()
	var buf bytes.Buffer
	if err := reports.WriteCSV(&buf, rr); err != nil {
		t.Fatalf("%s: %v", dialect, err)
	}
	return buf.String()
}

// comparePsql runs the inline SQL with psql and compares its rows with the
// report's CSV.
func comparePsql(t *testing.T, dbURL, sql, want string) {
	t.Helper()
	psql, err := exec.LookPath("psql")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("psql not found (%v); set CI=1 to make this a failure", err)
		}
		t.Fatalf("psql is needed for this test: %v", err)
	}
	out, err := exec.Command(psql, "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1", "-d", dbURL, "-c", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql: %v\n%s\n%s", err, out, sql)
	}
	compareCells(t, want, string(out))
}
