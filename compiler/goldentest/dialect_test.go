//go:build !noduckdb

package goldentest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
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
	for _, c := range loadCases(t) {
		if c.knownBug != "" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			cp := c.compile(t, duckdb)
			sel, err := cp.plan.Bind(cp.values)
			if err != nil {
				t.Fatal(err)
			}
			q, err := noFilter.Render(sel, cp.values, true)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(q.SQL, "FILTER (WHERE") {
				t.Fatalf("FILTER rendered for a dialect without it:\n%s", q.SQL)
			}
			want, err := os.ReadFile(filepath.Join(c.dir, "result.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if got := queryCSV(t, duckdb, cp, q.SQL, "duckdb"); !c.same(got, string(want)) {
				t.Errorf("CASE-filtered aggregates differ from FILTER:\n%s", firstDifference(got, string(want)))
			}
			backtick := *dialect.DuckDB
			backtick.Quote = "`"
			bq, err := backtick.Render(sel, cp.values, true)
			if err != nil || strings.Contains(bq.SQL, `"`+sel.From.Name+`"`) || !strings.Contains(bq.SQL, "`") {
				t.Errorf("identifiers are not quoted with the dialect's quote: %v\n%s", err, bq.SQL)
			}
		})
	}
}
