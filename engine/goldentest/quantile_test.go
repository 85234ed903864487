//go:build !noduckdb

package goldentest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine"
)

// TestQuantilesSameBytesOnMySQL runs every case of the corpus that calls
// median or percentile on PostgreSQL and on MariaDB and wants the very
// same CSV, with no tolerance: the row-number form MySQL computes them
// with (compiler/dialect/quantile.go) interpolates as PostgreSQL's
// percentile_cont does, float operation by float operation. (result.csv
// may hold DuckDB's last digit, which its tolerance file allows.)
func TestQuantilesSameBytesOnMySQL(t *testing.T) {
	my, _ := mysqlFixture(t)
	pgdb := pg(t)
	n := 0
	for _, c := range corpus.Cases(t, casesDir) {
		src, err := os.ReadFile(c.SpecPath)
		if err != nil {
			t.Fatal(err)
		}
		if c.KnownBug != "" || (!strings.Contains(string(src), "median(") && !strings.Contains(string(src), "percentile(")) {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) {
			run := func(db *database, name string) string {
				cp := c.Compile(t, db.catalog)
				alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
				defer alloc.AssertSize(t, 0)
				rr, err := engine.Run(context.Background(), db.backend, cp.Plan, cp.Values, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
				if err != nil {
					t.Fatalf("run on %s: %v", name, err)
				}
				return toCSV(t, rr, name)
			}
			if fromMy, fromPG := run(my, "mysql"), run(pgdb, "postgres"); fromMy != fromPG {
				t.Errorf("MariaDB and PostgreSQL differ (MariaDB first):\n%s", corpus.FirstDifference(fromMy, fromPG))
			}
		})
	}
	if n < 4 {
		t.Errorf("%d cases with quantiles, want at least 4", n)
	}
}
