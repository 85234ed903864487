package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
)

// BenchmarkCompileLargestExample measures parse + check + render of the
// largest example report (two sources, formulas with window helpers and a
// previous-week self join) against the catalog reflected from DuckDB.
//
//	go test ./cmd/assay -run XXX -bench CompileLargest -count 10
func BenchmarkCompileLargestExample(b *testing.B) {
	const path = "../../examples/emr/reports/clinic_efficiency.yaml"
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	db := duckDB(t)
	if t.Failed() {
		b.Fatal("no example database")
	}
	ctx := context.Background()
	backend, err := openBackend(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer backend.Close()
	cat, err := backend.Reflect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r, ds := spec.Load(path, src)
		plan, cds := compiler.Compile(r, cat)
		vals, vds := plan.Values(nil, now, time.UTC)
		if ds.HasErrors() || cds.HasErrors() || vds.HasErrors() {
			b.Fatal(ds, cds, vds)
		}
		if _, err := engine.Render(plan, dialect.Postgres, vals, false); err != nil {
			b.Fatal(err)
		}
	}
}
