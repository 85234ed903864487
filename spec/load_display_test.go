package spec

import "testing"

// TestLoadFormatAndCharts reads format: with null: and charts: with y as
// one column or a list and stacked:.
func TestLoadFormatAndCharts(t *testing.T) {
	src := `report: r
from: visits v
dimensions:
  week: week(v.day)
measures:
  n: count(*)
  m: count(*)
format:
  n: {decimals: 0, null: "n/a", label: Visits}
  m: {style: percent}
charts:
  - {type: line, x: week, y: n}
  - {type: bar, x: week, y: [n, m], stacked: true, title: Both}
`
	r, ds := Load("r.yaml", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if f := r.Format[0]; f.Null == nil || f.Null.Value != "n/a" || f.Label.Value != "Visits" {
		t.Errorf("format n: %+v", f)
	}
	if r.Format[1].Null != nil {
		t.Errorf("format m has a null text")
	}
	one, two := r.Charts[0], r.Charts[1]
	if len(one.Y) != 1 || one.Y[0].Value != "n" || one.Stacked {
		t.Errorf("chart 1: %+v", one)
	}
	if len(two.Y) != 2 || two.Y[1].Value != "m" || !two.Stacked || two.Title.Value != "Both" {
		t.Errorf("chart 2: %+v", two)
	}
	if line, col := r.File.Position(two.Y[1].Span.Start); line != 13 || col != 33 {
		t.Errorf("y[1] at %d:%d, want 13:33", line, col)
	}
}
