package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// TestCheckDialect wants what MySQL cannot run refused at its place in
// the spec, naming the construct and the dialect (median and percentile
// it runs), and nothing refused on PostgreSQL.
func TestCheckDialect(t *testing.T) {
	const src = `report: r
from: visits v
joins:
  c: {table: clinics, kind: full, on: c.id = v.clinic_id}
dimensions:
  week: v.day + interval '1.5 months'
  later: v.day - interval '2 days 3 hours'
measures:
  p90: percentile(v.wait_minutes, 0.9)
  middle: median(v.wait_minutes)
totals: true
`
	r, ds := spec.Load("r.yaml", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, d := range CheckDialect(r, dialect.MySQL) {
		line, col := d.Span.File.Position(d.Span.Start)
		got = append(got, fmt.Sprintf("%d:%d:%s", line, col, d.Message))
	}
	want := []string{
		"6:17:interval literal \"1.5 months\": a fraction of a month or year has no MySQL spelling",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %d diagnostics", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("diagnostic %d: %q, want %q…", i, got[i], want[i])
		}
	}
	if ds := CheckDialect(r, dialect.Postgres); len(ds) > 0 {
		t.Errorf("postgres: %v", ds)
	}
}
