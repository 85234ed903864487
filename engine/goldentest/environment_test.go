//go:build !noduckdb

package goldentest

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	corpus "github.com/assay-dev/assay/compiler/goldentest"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/postgres"
	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
)

// TestPostgresSessionTimeZone runs every case on PostgreSQL with the
// session time zone set to America/Denver: a report's rows must not depend
// on the server's TimeZone setting (DuckDB runs in UTC).
func TestPostgresSessionTimeZone(t *testing.T) {
	if *update {
		t.Skip("-update rewrites the files this test reads")
	}
	duck(t)
	db := pg(t)
	u, err := url.Parse(db.url)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("options", "-c TimeZone=America/Denver")
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	ctx := context.Background()
	b, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() }) // after the parallel subtests
	denver := &database{backend: b, catalog: db.catalog, url: u.String()}
	for _, c := range corpus.Cases(t, casesDir) {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.KnownBug != "" {
				t.Skip("known bug: " + c.KnownBug)
			}
			if reason, err := os.ReadFile(filepath.Join(c.Dir, "known_bug_timezone")); err == nil {
				t.Skip("known bug: " + strings.Join(strings.Fields(string(reason)), " "))
			}
			want, err := os.ReadFile(filepath.Join(c.Dir, "result.csv"))
			if err != nil {
				t.Fatal(err)
			}
			cp := c.Compile(t, denver.catalog)
			alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer alloc.AssertSize(t, 0)
			rr, err := engine.Run(ctx, denver.backend, cp.Plan, cp.Values, engine.RunOptions{Alloc: alloc, Timeout: 20 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if got := toCSV(t, rr, "postgres"); !same(c, got, string(want)) {
				t.Errorf("with TimeZone=America/Denver, PostgreSQL gives other rows (PostgreSQL first):\n%s", corpus.FirstDifference(got, string(want)))
			}
		})
	}
}

// TestSumOverflowIsAnError checks that a sum of integers beyond int64 is
// an error on both databases, not a wrapped or rounded value.
func TestSumOverflowIsAnError(t *testing.T) {
	const src = `report: overflow
from: readings r
where: [r.sensor = 'alpha']
dimensions:
  sensor: r.sensor
measures:
  total: sum(r.delta + 4000000000000000000)
`
	for _, open := range []func(*testing.T) *database{duck, pg} {
		db := open(t)
		r, ds := spec.Load("overflow.yaml", []byte(src))
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		plan, cds := compiler.Compile(r, db.catalog)
		if cds.HasErrors() {
			t.Fatal(cds)
		}
		alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
		rr, err := engine.Run(context.Background(), db.backend, plan, map[string]any{}, engine.RunOptions{Alloc: alloc})
		if err == nil {
			var csv strings.Builder
			err = reports.WriteCSV(&csv, rr)
			rr.Release()
			if err == nil {
				t.Errorf("%s: the overflowing sum gave %q, want an error", db.backend.Dialect(), csv.String())
			}
		}
		if err != nil {
			t.Logf("%s: %v", db.backend.Dialect(), err)
		}
		alloc.AssertSize(t, 0)
	}
}
