package goldentest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// Now is the fixed clock relative dates are evaluated at, in UTC.
var Now = time.Date(2025, 3, 15, 10, 30, 0, 0, time.UTC)

// Dialects are the dialects every case is rendered for, by golden file name.
var Dialects = []struct {
	Name    string
	Dialect *dialect.Dialect
}{{"postgres", dialect.Postgres}, {"duckdb", dialect.DuckDB}}

// Case is one folder of the corpus.
type Case struct {
	Name string
	// Dir holds the golden files: postgres.sql, duckdb.sql, plan.txt and,
	// for a fixture case, result.csv.
	Dir string
	// SpecPath is the spec file to read; SpecName is the name the SQL's
	// header comment shows (the path from compiler/goldentest), the same
	// wherever the corpus is read from.
	SpecPath, SpecName string
	Params             map[string]string
	// KnownBug, when not empty, names a compiler bug: the case does not run.
	KnownBug string
	// Tolerance is the relative difference allowed between two float cells
	// that do not print the same (0: results must match byte for byte),
	// from the file "tolerance": the number on the first line, the reason below.
	Tolerance float64
}

// Cases lists the fixture cases under root (testdata/cases of this
// package, as seen from the caller's directory), in order.
func Cases(t *testing.T, root string) []Case {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(root, "*"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(dirs)
	var out []Case
	for _, dir := range dirs {
		name := filepath.Base(dir)
		c := Case{Name: name, Dir: dir, SpecPath: filepath.Join(dir, "spec.yaml"),
			SpecName: "testdata/cases/" + name + "/spec.yaml", Params: readParams(t, filepath.Join(dir, "params"))}
		if b, err := os.ReadFile(filepath.Join(dir, "known_bug")); err == nil {
			c.KnownBug = strings.Join(strings.Fields(string(b)), " ")
		}
		if b, err := os.ReadFile(filepath.Join(dir, "tolerance")); err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if c.Tolerance, err = strconv.ParseFloat(strings.TrimSpace(first), 64); err != nil || c.Tolerance <= 0 {
				t.Fatalf("%s/tolerance: the first line must be a positive number (%v)", dir, err)
			}
		}
		out = append(out, c)
	}
	if len(out) < 30 {
		t.Errorf("want at least 30 golden cases under %s, found %d", root, len(out))
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

// Compiled is a case's plan against one catalog, with its parameter values.
type Compiled struct {
	Plan   *compiler.Plan
	Values map[string]any
}

// Compile loads the case's spec, checks it against cat and resolves its
// parameters at Now. Any diagnostic fails the test.
func (c Case) Compile(t *testing.T, cat *catalog.Catalog) Compiled {
	t.Helper()
	src, err := os.ReadFile(c.SpecPath)
	if err != nil {
		t.Fatal(err)
	}
	r, ds := spec.Load(c.SpecName, src)
	if ds.HasErrors() {
		t.Fatalf("load:\n%v", ds)
	}
	plan, cds := compiler.Compile(r, cat)
	if cds.HasErrors() {
		t.Fatalf("compile:\n%v", cds)
	}
	if len(cds) > 0 {
		t.Errorf("unexpected warnings:\n%v", cds)
	}
	values, vds := plan.Values(c.Params, Now, time.UTC)
	if vds.HasErrors() {
		t.Fatalf("params:\n%v", vds)
	}
	return Compiled{Plan: plan, Values: values}
}

// SQL is the golden text of a compiled case for d: the rendered SQL with
// its bind values listed below it.
func (cp Compiled) SQL(d *dialect.Dialect) (string, error) {
	sel, err := cp.Plan.Bind(cp.Values)
	if err != nil {
		return "", err
	}
	q, err := d.Render(sel, cp.Values, false)
	if err != nil {
		return "", fmt.Errorf("render: %w", err)
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

// ReadCatalog reads a catalog saved in the form CatalogJSON writes.
func ReadCatalog(path string) (*catalog.Catalog, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cat catalog.Catalog
	if err := json.Unmarshal(b, &cat); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &cat, nil
}

// CatalogJSON is the saved form of a catalog: indented JSON, tables in key order.
func CatalogJSON(cat *catalog.Catalog) ([]byte, error) {
	b, err := json.MarshalIndent(cat, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// CheckGolden compares got with the file at path, or rewrites the file
// when update is set.
func CheckGolden(t *testing.T, path, got string, update bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./compiler/... -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run with -update to accept):\n%s", path, FirstDifference(got, string(want)))
	}
}

// FirstDifference shows the first line where two texts differ.
func FirstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n  " + la[i] + "\n  " + lb[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb)) + " lines\n" + a + "\n---\n" + b
}
