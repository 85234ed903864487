//go:build !noduckdb

package goldentest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
	corpus "github.com/assay-dev/assay/compiler/goldentest"
)

// TestDialectWithoutFilter renders every case for a variant of DuckDB's
// dialect that lacks FILTER (as MySQL does) and quotes names with
// backticks (DuckDB does not read those, so only the FILTER variant runs):
// the CASE form of filtered aggregates must give the same rows. This is
// what "a new dialect is a table of differences" rests on.
func TestDialectWithoutFilter(t *testing.T) {
	duckdb := duck(t)
	noFilter := *dialect.DuckDB
	noFilter.Filter = false
	for _, c := range corpus.Cases(t, casesDir) {
		if c.KnownBug != "" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			cp := c.Compile(t, duckdb.catalog)
			sel, err := cp.Plan.Bind(cp.Values)
			if err != nil {
				t.Fatal(err)
			}
			q, err := noFilter.Render(sel, cp.Values, true)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(q.SQL, "FILTER (WHERE") {
				t.Fatalf("FILTER rendered for a dialect without it:\n%s", q.SQL)
			}
			want, err := os.ReadFile(filepath.Join(c.Dir, "result.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if got := queryCSV(t, duckdb, cp, q.SQL, "duckdb"); !same(c, got, string(want)) {
				t.Errorf("CASE-filtered aggregates differ from FILTER:\n%s", corpus.FirstDifference(got, string(want)))
			}
			backtick := *dialect.DuckDB
			backtick.Quote = "`"
			bq, err := backtick.Render(sel, cp.Values, true)
			if err != nil || strings.Contains(bq.SQL, `"`+sel.From.Name+`"`) || !strings.Contains(bq.SQL, "`") {
				t.Errorf("identifiers are not quoted with the dialect's quote: %v\n%s", err, bq.SQL)
			}
		})
	}
}
