package compiler

import (
	"testing"
	"time"

	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// FuzzCompile feeds arbitrary specs through load, check, bind and render:
// nothing may panic, and a spec that checks must render on both dialects.
//
//	go test ./compiler -run XXX -fuzz FuzzCompile -fuzztime 10m
func FuzzCompile(f *testing.F) {
	seeds := []string{
		base + "dimensions:\n  clinic: c.name\n  week: week(v.day)\nmeasures:\n  n: count(*)\n  revenue: sum(v.charge)\nformulas:\n  r: revenue / n\n  s: share(n)\n  p: pct_change(n, week)\ntotals: [clinic]\nhaving: [n > 1]\norder: [r desc]\nlimit: 3\n",
		"report: r\nparams:\n  ids: {type: list<int>, optional: true}\n  start: {type: date, default: today - 1 month}\nsources:\n  a:\n    from: visits v\n    where: [v.clinic_id in :ids, v.day >= :start]\n    dimensions: {d: v.day}\n    measures: {n: count(*)}\n  b:\n    from: clinics c\n    dimensions: {d: c.name}\n    measures: {m: count(*)}\n",
		base + "dimensions: {x: v.status}\ncolumns: [x]\ndistinct: true\n",
		base + "dimensions:\n  w: week(v.day)\nmeasures:\n  n: count(*)\noutliers:\n  - {metric: n, method: esd}\nscores:\n  s: {n: 1}\n",
		subquerySeed,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	cat := testCatalog()
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, src []byte) {
		r, ds := spec.Load("f.yaml", src)
		if r == nil {
			return
		}
		p, cds := Compile(r, cat)
		if ds.HasErrors() || cds.HasErrors() {
			return
		}
		vals, vds := p.Values(nil, now, time.UTC)
		if vds.HasErrors() {
			return
		}
		sel, err := p.Bind(vals)
		if err != nil {
			t.Fatalf("a checked plan does not bind: %v", err)
		}
		for _, d := range []*dialect.Dialect{dialect.Postgres, dialect.DuckDB} {
			if _, err := d.Render(sel, vals, false); err != nil {
				t.Fatalf("a checked plan does not render on %s: %v", d.Name, err)
			}
			if _, err := d.Render(sel, vals, true); err != nil && !isNULError(err) {
				t.Fatalf("a checked plan does not inline on %s: %v", d.Name, err)
			}
		}
	})
}

func isNULError(err error) bool { return containsNUL(err.Error()) }

func containsNUL(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if s[i:i+3] == "NUL" {
			return true
		}
	}
	return false
}
