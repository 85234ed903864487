package goldentest

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files (postgres.sql, duckdb.sql, plan.txt)")

// The reflected catalogs the corpus compiles against; engine/goldentest
// checks that they are what the databases reflect.
const (
	fixtureCatalog = "testdata/catalog.json"
	emrCatalog     = "../testdata/emr_catalog.json"
)

// TestGolden compiles every fixture case against the fixture's catalog
// and compares its SQL for each dialect with the golden files.
func TestGolden(t *testing.T) {
	cat, err := ReadCatalog(fixtureCatalog)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Cases(t, "testdata/cases") {
		t.Run(c.Name, func(t *testing.T) {
			checkCase(t, c, c.Compile(t, cat))
		})
	}
}

// TestExamples compiles every example report against the example EMR
// database's catalog and compares its SQL with the golden files under
// testdata/examples.
func TestExamples(t *testing.T) {
	cat, err := ReadCatalog(emrCatalog)
	if err != nil {
		t.Fatal(err)
	}
	specs, err := filepath.Glob("../../examples/emr/reports/*.yaml")
	// <report>.test.yaml files beside the specs are assay test cases.
	specs = slices.DeleteFunc(specs, func(s string) bool { return strings.HasSuffix(s, ".test.yaml") })
	if err != nil || len(specs) < 5 {
		t.Fatalf("want the example reports, found %v (%v)", specs, err)
	}
	for _, path := range specs {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			c := Case{Name: name, Dir: filepath.Join("testdata", "examples", name), SpecPath: path, SpecName: path}
			if *update {
				if err := os.MkdirAll(c.Dir, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			checkCase(t, c, c.Compile(t, cat))
		})
	}
}

// checkCase compares the plan print and the SQL of every dialect with
// the case's golden files.
func checkCase(t *testing.T, c Case, cp Compiled) {
	t.Helper()
	CheckGolden(t, filepath.Join(c.Dir, "plan.txt"), cp.Plan.String(), *update)
	for _, d := range Dialects {
		sql, err := cp.SQL(d.Dialect)
		if err != nil && c.KnownBug != "" {
			t.Skip("known bug: " + c.KnownBug)
		}
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		CheckGolden(t, filepath.Join(c.Dir, d.Name+".sql"), sql, *update)
	}
}
