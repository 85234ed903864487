//go:build !noduckdb

package goldentest

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
)

var update = flag.Bool("update", false, "rewrite the golden files (postgres.sql, duckdb.sql, result.csv)")

// now is the fixed clock for relative dates, in UTC.
var now = time.Date(2025, 3, 15, 10, 30, 0, 0, time.UTC)

// goldenCase is one folder under testdata/cases.
type goldenCase struct {
	name   string
	dir    string
	params map[string]string
	// knownBug, when not empty, skips the case: it names a compiler bug.
	knownBug string
	// tolerance is the relative difference allowed between two float
	// cells that do not print the same (0: results must match byte for
	// byte). A case sets it in a file "tolerance": the number on the first
	// line, the reason below it.
	tolerance float64
}

// loadCases lists the case folders in order.
func loadCases(t *testing.T) []goldenCase {
	t.Helper()
	dirs, err := filepath.Glob("testdata/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	var out []goldenCase
	for _, dir := range dirs {
		c := goldenCase{name: filepath.Base(dir), dir: dir, params: readParams(t, filepath.Join(dir, "params"))}
		if b, err := os.ReadFile(filepath.Join(dir, "known_bug")); err == nil {
			c.knownBug = strings.Join(strings.Fields(string(b)), " ")
		}
		if b, err := os.ReadFile(filepath.Join(dir, "tolerance")); err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if c.tolerance, err = strconv.ParseFloat(strings.TrimSpace(first), 64); err != nil || c.tolerance <= 0 {
				t.Fatalf("%s/tolerance: the first line must be a positive number (%v)", dir, err)
			}
		}
		out = append(out, c)
	}
	if len(out) < 30 {
		t.Errorf("want at least 30 golden cases, found %d", len(out))
	}
	return out
}

// readParams reads -p style name=value lines; # starts a comment line.
func readParams(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return out
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("%s: %q is not name=value", path, line)
		}
		out[strings.TrimSpace(name)] = value
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// compiled is a case's plan against one database's catalog, with its
// parameter values.
type compiled struct {
	plan   *compiler.Plan
	values map[string]any
}

func (c goldenCase) compile(t *testing.T, db *database) compiled {
	t.Helper()
	r, ds := spec.LoadFile(filepath.Join(c.dir, "spec.yaml"))
	if ds.HasErrors() {
		t.Fatalf("load:\n%v", ds)
	}
	plan, cds := compiler.Compile(r, db.catalog)
	if cds.HasErrors() {
		t.Fatalf("compile:\n%v", cds)
	}
	if len(cds) > 0 {
		t.Errorf("unexpected warnings:\n%v", cds)
	}
	values, vds := plan.Values(c.params, now, time.UTC)
	if vds.HasErrors() {
		t.Fatalf("params:\n%v", vds)
	}
	return compiled{plan: plan, values: values}
}

// dialectNamed is the dialect of the golden files named name.
func dialectNamed(name string) *dialect.Dialect {
	d, err := dialect.ByName(name)
	if err != nil {
		panic(err) // the cases name only postgres and duckdb
	}
	return d
}

// goldenSQL is the rendered SQL with its bind values listed below it.
func goldenSQL(cp compiled, dialect string) (string, error) {
	q, err := engine.Render(cp.plan, dialectNamed(dialect), cp.values, false)
	if err != nil {
		return "", fmt.Errorf("render %s: %w", dialect, err)
	}
	var b strings.Builder
	b.WriteString(q.SQL + ";\n")
	for i, a := range q.Args {
		fmt.Fprintf(&b, "-- $%d = %s\n", i+1, describe(a))
	}
	return b.String(), nil
}

func describe(v any) string {
	switch v := v.(type) {
	case time.Time:
		return "time " + v.Format(time.RFC3339Nano)
	case string:
		return fmt.Sprintf("text %q", v)
	case nil:
		return "NULL"
	}
	return fmt.Sprintf("%T %v", v, v)
}

// checkGolden compares got with the file, or rewrites it with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./compiler/goldentest -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n%s", path, firstDifference(got, string(want)))
	}
}

// TestGolden compiles every case, compares its SQL with the golden files
// and runs it on both databases: the two results, the hand-written
// query's and the --inline SQL's must all be the same rows.
func TestGolden(t *testing.T) {
	duckdb := duck(t)
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cp := c.compile(t, duckdb)
			for _, d := range []string{"postgres", "duckdb"} {
				sql, err := goldenSQL(cp, d)
				if err != nil && c.knownBug != "" {
					t.Skip("known bug: " + c.knownBug)
				}
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join(c.dir, d+".sql"), sql)
			}
			if c.knownBug != "" {
				// The SQL is still compared: when a fix changes it, the
				// case fails until its known_bug file is removed.
				t.Skip("known bug: " + c.knownBug)
			}
			got := c.check(t, duckdb, cp, "duckdb")
			checkGolden(t, filepath.Join(c.dir, "result.csv"), got)
			pgdb := pg(t)
			pcp := c.compile(t, pgdb)
			a, err1 := goldenSQL(pcp, "postgres")
			b, err2 := goldenSQL(cp, "postgres")
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if a != b {
				t.Errorf("the plan from PostgreSQL's catalog renders other SQL than the one from DuckDB's:\n%s", firstDifference(a, b))
			}
			if pgot := c.check(t, pgdb, pcp, "postgres"); !c.same(pgot, got) {
				t.Errorf("PostgreSQL and DuckDB results differ (PostgreSQL first):\n%s", firstDifference(pgot, got))
			}
		})
	}
}

// check runs the case on one database and compares the result with the
// hand-written query and the inline SQL; it returns the result as CSV.
func (c goldenCase) check(t *testing.T, db *database, cp compiled, dialect string) string {
	t.Helper()
	ctx := context.Background()
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := engine.Run(ctx, db.backend, cp.plan, cp.values, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("run on %s: %v", dialect, err)
	}
	got := toCSV(t, rr, dialect)
	if want := queryCSV(t, db, cp, c.handwritten(t, dialect), dialect); !c.same(got, want) {
		t.Errorf("%s: the report differs from the hand-written query (report first):\n%s", dialect, firstDifference(got, want))
	}
	inline, err := engine.Render(cp.plan, dialectNamed(dialect), cp.values, true)
	if err != nil {
		t.Fatalf("render inline %s: %v", dialect, err)
	}
	if len(inline.Args) > 0 || strings.Contains(inline.SQL, "$1") {
		t.Fatalf("%s: inline SQL still has placeholders:\n%s", dialect, inline.SQL)
	}
	if dialect == "duckdb" {
		if in := queryCSV(t, db, cp, inline.SQL, dialect); in != got {
			t.Errorf("duckdb: the inline SQL gives other rows (inline first):\n%s", firstDifference(in, got))
		}
	} else {
		comparePsql(t, db.url, inline.SQL, got)
	}
	return got
}

// handwritten reads the case's hand-written query for the dialect.
func (c goldenCase) handwritten(t *testing.T, dialect string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(c.dir, "handwritten."+dialect+".sql"))
	if os.IsNotExist(err) {
		b, err = os.ReadFile(filepath.Join(c.dir, "handwritten.sql"))
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(strings.TrimSpace(string(b)), ";")
}

// queryCSV runs sql on db with the plan's Arrow schema and returns the CSV.
func queryCSV(t *testing.T, db *database, cp compiled, sql, dialect string) string {
	t.Helper()
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	rr, err := db.backend.Query(context.Background(), engine.Query{SQL: sql, Schema: engine.Schema(cp.plan), Alloc: alloc, Timeout: 20 * time.Second})
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
