//go:build !noduckdb

package goldentest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/assay-dev/assay/catalog"
	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine/duckdb"
	"github.com/assay-dev/assay/examples/emr/emrdata"
)

// The catalogs the compiler's tests compile against, saved as JSON so
// that they build and run without a database (and without cgo).
const (
	fixtureCatalogJSON = "../../compiler/goldentest/testdata/catalog.json"
	emrCatalogJSON     = "../../compiler/testdata/emr_catalog.json"
)

// TestCatalogJSON checks that the saved catalogs are what DuckDB reflects
// from the fixture and from the example EMR database; -update saves them.
// (TestGolden checks that PostgreSQL's catalog of the fixture compiles to
// the same SQL.)
func TestCatalogJSON(t *testing.T) {
	emr := filepath.Join(t.TempDir(), "emr.duckdb")
	ctx := context.Background()
	if _, err := emrdata.EnsureDuckDB(ctx, emr, emrdata.DefaultOptions()); err != nil {
		t.Fatal(err)
	}
	b, err := duckdb.Open(ctx, emr)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	emrCat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for path, cat := range map[string]*catalog.Catalog{fixtureCatalogJSON: duck(t).catalog, emrCatalogJSON: emrCat} {
		got, err := corpus.CatalogJSON(cat)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./engine/goldentest -run TestCatalogJSON -update)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s is not what DuckDB reflects (run with -update to save it):\n%s", path, corpus.FirstDifference(string(got), string(want)))
		}
	}
}
