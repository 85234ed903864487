package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
)

// docExamples returns the ```yaml blocks of a document that are reports.
func docExamples(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, block := range strings.Split(string(src), "```yaml\n")[1:] {
		body, _, _ := strings.Cut(block, "```")
		if strings.HasPrefix(body, "report:") {
			out = append(out, body)
		}
	}
	return out
}

// TestSpecDocExamples checks and runs every report example of docs/spec.md
// against the example database: the reference must not show a spec that
// does not work.
func TestSpecDocExamples(t *testing.T) {
	ctx := context.Background()
	b, err := openBackend(ctx, duckDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cat, err := b.Reflect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	examples := docExamples(t, "../../docs/spec.md")
	if len(examples) < 10 {
		t.Fatalf("found only %d examples in docs/spec.md", len(examples))
	}
	for i, src := range examples {
		r, ds := spec.Load("docs/spec.md example "+strings.Fields(src)[1], []byte(src))
		plan, cds := compiler.Compile(r, cat)
		ds = append(ds, cds...)
		if len(ds) > 0 {
			t.Errorf("example %d (%s): %v", i+1, r.Name.Value, ds)
			continue
		}
		vals, vds := plan.Values(nil, time.Date(2025, 12, 15, 12, 0, 0, 0, time.UTC), time.UTC)
		if vds.HasErrors() {
			t.Errorf("example %s: %v", r.Name.Value, vds)
			continue
		}
		alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
		rr, err := engine.Run(ctx, b, plan, vals, engine.RunOptions{Alloc: alloc})
		if err != nil {
			t.Errorf("example %s does not run: %v", r.Name.Value, err)
			continue
		}
		rows := int64(0)
		for rr.Next() {
			rows += rr.RecordBatch().NumRows()
		}
		if err := rr.Err(); err != nil || rows == 0 {
			t.Errorf("example %s: %d rows, %v", r.Name.Value, rows, err)
		}
		rr.Release()
		alloc.AssertSize(t, 0)
	}
}
