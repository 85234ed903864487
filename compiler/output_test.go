package compiler

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
)

func TestResultData(t *testing.T) {
	p, ds := compile(t, base+`title: Clinic weeks
dimensions:
  clinic: c.name
  week: week(v.day)
measures:
  n: count(*)
  revenue: sum(v.charge)
formulas:
  per_visit: revenue / n
totals: [clinic]
outliers:
  - {metric: n, method: robust_z, within: [clinic]}
  - {metric: revenue, method: esd, direction: high}
scores:
  busy: {n: 1, per_visit: -0.5}
columns: [clinic, week, n, n_outlier, busy]
format:
  revenue: {style: currency, currency: USD, decimals: 0}
charts:
  - {type: line, x: week, y: n, series: clinic}
`)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	// The query returns the listed columns, then what the post stage reads
	// (metrics, within dimensions, _level); the final order is columns:.
	res := p.Result
	if res.Name != "r" || res.Title != "Clinic weeks" {
		t.Errorf("name %q title %q", res.Name, res.Title)
	}
	type col struct {
		name  string
		typ   arrow.Type
		role  result.Role
		grain string
	}
	var got []col
	for _, c := range append(append([]result.Column(nil), res.Columns...), res.Generated...) {
		got = append(got, col{c.Name, c.Type.ID(), c.Role, c.Grain})
	}
	want := []col{
		{"clinic", arrow.STRING, result.Dimension, ""}, {"week", arrow.DATE32, result.Dimension, "week"},
		{"n", arrow.INT64, result.Measure, ""}, {"revenue", arrow.DECIMAL128, result.Measure, ""},
		{"per_visit", arrow.FLOAT64, result.Formula, ""}, {"_level", arrow.INT64, result.Level, ""},
		{"n_score", arrow.FLOAT64, result.OutlierScore, ""}, {"n_outlier", arrow.BOOL, result.OutlierFlag, ""},
		{"revenue_score", arrow.FLOAT64, result.OutlierScore, ""}, {"revenue_outlier", arrow.BOOL, result.OutlierFlag, ""},
		{"busy", arrow.FLOAT64, result.Score, ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("columns\n got %v\nwant %v", got, want)
	}
	if want := []string{"clinic", "week", "n", "n_outlier", "busy"}; !slices.Equal(res.Final, want) {
		t.Errorf("final %v, want %v", res.Final, want)
	}
	if fs := res.FinalSchema(); fs.NumFields() != 5 || fs.Field(3).Type.ID() != arrow.BOOL {
		t.Errorf("final schema %v", fs)
	}
	wantRules := []result.OutlierRule{
		{Metric: "n", Method: result.RobustZ, Threshold: 3.5, K: 1.5, Alpha: 0.05, MaxOutliers: 10, Direction: result.Both, Within: []string{"clinic"}, MinGroup: 3},
		{Metric: "revenue", Method: result.ESD, Threshold: 3, K: 1.5, Alpha: 0.05, MaxOutliers: 10, Direction: result.High, MinGroup: 3},
	}
	if !slices.EqualFunc(res.Outliers, wantRules, func(a, b result.OutlierRule) bool {
		return a.Metric == b.Metric && a.Method == b.Method && a.Threshold == b.Threshold && a.K == b.K && a.Alpha == b.Alpha &&
			a.MaxOutliers == b.MaxOutliers && a.Direction == b.Direction && slices.Equal(a.Within, b.Within) && a.MinGroup == b.MinGroup
	}) {
		t.Errorf("rules\n got %+v\nwant %+v", res.Outliers, wantRules)
	}
	if len(res.Scores) != 1 || res.Scores[0].Weights[1] != (result.Weight{Metric: "per_visit", Weight: -0.5}) {
		t.Errorf("scores %+v", res.Scores)
	}
	f := res.Formats["revenue"]
	if f.Style != "currency" || f.Currency != "USD" || f.Decimals == nil || *f.Decimals != 0 {
		t.Errorf("format %+v", f)
	}
	if len(res.Charts) != 1 || !slices.Equal(res.Charts[0].Y, []string{"n"}) || res.Charts[0].Series != "clinic" {
		t.Errorf("charts %+v", res.Charts)
	}
}
