package outliers

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/assay-dev/assay/compiler/result"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func mustScore(t *testing.T, x []float64, valid []bool, r result.OutlierRule) Result {
	t.Helper()
	res, err := Score(x, valid, r)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func flaggedValues(x []float64, res Result) []float64 {
	var out []float64
	for i, f := range res.Flagged {
		if f {
			out = append(out, x[i])
		}
	}
	return out
}

func TestQuantileType7(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 30}
	// R: quantile(c(1:9, 30), c(0, .25, .5, .75, .9, 1)) = 1 3.25 5.5 7.75 11.1 30
	for _, c := range []struct{ p, want float64 }{
		{0, 1}, {0.25, 3.25}, {0.5, 5.5}, {0.75, 7.75}, {0.9, 11.1}, {1, 30},
	} {
		if got := Quantile(x, c.p); !near(got, c.want) {
			t.Errorf("Quantile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := Quantile([]float64{4}, 0.3); got != 4 {
		t.Errorf("one value: %v", got)
	}
	for _, bad := range []float64{-0.1, 1.1, math.NaN()} {
		if got := Quantile(x, bad); !math.IsNaN(got) {
			t.Errorf("Quantile(%v) = %v, want NaN", bad, got)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) || Median([]float64{1, 4}) != 2.5 {
		t.Error("empty or even median wrong")
	}
}

func TestWithDefaults(t *testing.T) {
	r := result.OutlierRule{Metric: "m", Method: result.RobustZ}.WithDefaults()
	want := result.OutlierRule{Metric: "m", Method: result.RobustZ, Threshold: 3.5, K: 1.5, Alpha: 0.05, MaxOutliers: 10, Direction: result.Both, MinGroup: 3}
	if !slices.Equal(r.Within, want.Within) || r.Threshold != want.Threshold || r.K != want.K ||
		r.Alpha != want.Alpha || r.MaxOutliers != want.MaxOutliers || r.Direction != want.Direction || r.MinGroup != want.MinGroup {
		t.Errorf("got %+v, want %+v", r, want)
	}
	if z := (result.OutlierRule{Method: result.ZScore}).WithDefaults(); z.Threshold != 3 {
		t.Errorf("zscore threshold %v", z.Threshold)
	}
	if kept := (result.OutlierRule{Method: result.ZScore, Threshold: 2, Direction: result.Low}).WithDefaults(); kept.Threshold != 2 || kept.Direction != result.Low {
		t.Errorf("options overwritten: %+v", kept)
	}
}

func TestValidate(t *testing.T) {
	base := result.OutlierRule{Metric: "m", Method: result.ZScore}.WithDefaults()
	for name, r := range map[string]result.OutlierRule{
		"method":       {Metric: "m", Method: "mad"},
		"direction":    {Metric: "m", Method: result.ZScore, Direction: "up"},
		"threshold":    {Metric: "m", Method: result.ZScore, Threshold: -1},
		"k":            {Metric: "m", Method: result.IQR, K: -0.5},
		"alpha":        {Metric: "m", Method: result.ESD, Alpha: 1},
		"max_outliers": {Metric: "m", Method: result.ESD, MaxOutliers: -2},
		"min_group":    {Metric: "m", Method: result.ESD, MinGroup: -1},
		"nan":          {Metric: "m", Method: result.ZScore, Threshold: math.NaN()},
	} {
		err := r.WithDefaults().Validate()
		if !errors.Is(err, result.ErrInvalidRule) {
			t.Errorf("%s: err = %v, want result.ErrInvalidRule", name, err)
		}
		if _, err := Score([]float64{1, 2, 3}, nil, r); !errors.Is(err, result.ErrInvalidRule) {
			t.Errorf("%s: Score err = %v", name, err)
		}
	}
	if err := base.Validate(); err != nil {
		t.Error(err)
	}
}

func TestZScore(t *testing.T) {
	x := []float64{2, 4, 4, 4, 5, 5, 7, 9}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ZScore, Threshold: 1.5})
	sd := math.Sqrt(32.0 / 7) // sample standard deviation, mean 5
	if !near(res.Scores[7], 4/sd) || !near(res.Scores[0], -3/sd) {
		t.Errorf("scores %v", res.Scores)
	}
	if got := flaggedValues(x, res); !slices.Equal(got, []float64{9}) {
		t.Errorf("flagged %v, want 9 (z = 1.87)", got)
	}
	low := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ZScore, Threshold: 1.3, Direction: result.Low})
	if got := flaggedValues(x, low); !slices.Equal(got, []float64{2}) {
		t.Errorf("low flagged %v, want 2 (z = −1.40)", got)
	}
}

// In a group of n values no |z| exceeds (n−1)/√n: the default threshold 3
// flags nothing in 10 values or fewer.
func TestZScoreBound(t *testing.T) {
	x := []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 1e6}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ZScore})
	if !near(res.Scores[9], 9/math.Sqrt(10)) || res.Outliers() != 0 {
		t.Errorf("score %v, %d flagged", res.Scores[9], res.Outliers())
	}
}

func TestRobustZ(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 100}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.RobustZ})
	// median 4, MAD = median(3 2 1 0 1 2 96) = 2
	if !near(res.Scores[6], 0.6745*96/2) || !near(res.Scores[0], -0.6745*3/2) {
		t.Errorf("scores %v", res.Scores)
	}
	if got := flaggedValues(x, res); !slices.Equal(got, []float64{100}) {
		t.Errorf("flagged %v", got)
	}
}

// When more than half the values tie the MAD is 0: the score falls back to
// (x − median)/(1.253314·MeanAD).
func TestRobustZMADZero(t *testing.T) {
	x := []float64{5, 5, 5, 5, 5, 6, 20}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.RobustZ})
	meanAD := 16.0 / 7
	if !near(res.Scores[6], 15/(1.253314*meanAD)) || !near(res.Scores[5], 1/(1.253314*meanAD)) || res.Scores[0] != 0 {
		t.Errorf("scores %v", res.Scores)
	}
	if got := flaggedValues(x, res); !slices.Equal(got, []float64{20}) {
		t.Errorf("flagged %v, want 20 (5.24), not 6 (0.35)", got)
	}
}

// When every value is equal, MAD and MeanAD are 0 and every score is 0.
func TestAllEqual(t *testing.T) {
	x := []float64{3, 3, 3, 3}
	for _, m := range result.Methods {
		res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: m})
		for i := range x {
			if !res.Valid[i] || res.Scores[i] != 0 || res.Flagged[i] {
				t.Errorf("%s: row %d: %v %v %v", m, i, res.Valid[i], res.Scores[i], res.Flagged[i])
			}
		}
	}
}

func TestIQR(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 30}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.IQR})
	// Q1 3.25, Q3 7.75, IQR 4.5, fences −3.5 and 14.5
	if !near(res.Scores[9], (30-14.5)/4.5) || res.Scores[0] != 0 {
		t.Errorf("scores %v", res.Scores)
	}
	if got := flaggedValues(x, res); !slices.Equal(got, []float64{30}) {
		t.Errorf("flagged %v", got)
	}
	f := TukeyFences(x, 1.5)
	if f.Q1 != 3.25 || f.Q3 != 7.75 || f.Lower != -3.5 || f.Upper != 14.5 || f.Score(-5.75) != -0.5 {
		t.Errorf("fences %+v", f)
	}
	low := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.IQR, Direction: result.Low})
	if low.Outliers() != 0 || low.Scores[9] <= 0 {
		t.Errorf("low: %v", low)
	}
}

// When the IQR is 0 the unit falls back to 1.349·1.253314·MeanAD.
func TestIQRZero(t *testing.T) {
	x := []float64{0, 0, 0, 0, 0, 0, 0, 0, 5, 7}
	res := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.IQR})
	unit := 1.349 * 1.253314 * 1.2
	if !near(res.Scores[8], 5/unit-1.5) || !near(res.Scores[9], 7/unit-1.5) || res.Scores[0] != 0 {
		t.Errorf("scores %v, unit %v", res.Scores, unit)
	}
	if got := flaggedValues(x, res); !slices.Equal(got, []float64{5, 7}) {
		t.Errorf("flagged %v", got)
	}
}

func TestESDDirections(t *testing.T) {
	x := []float64{10, 10.5, 9.8, 10.2, 9.9, 10.1, 10.3, 9.7, 10, 0, 10.4, 9.6}
	both := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ESD})
	high := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ESD, Direction: result.High})
	low := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.ESD, Direction: result.Low})
	if !slices.Equal(flaggedValues(x, both), []float64{0}) || !slices.Equal(flaggedValues(x, low), []float64{0}) {
		t.Errorf("both %v, low %v, want 0", flaggedValues(x, both), flaggedValues(x, low))
	}
	if high.Outliers() != 0 {
		t.Errorf("high flagged %v", flaggedValues(x, high))
	}
	if both.Scores[9] >= -3 || low.Scores[9] != both.Scores[9] {
		t.Errorf("scores of 0: both %v, low %v", both.Scores[9], low.Scores[9])
	}
	g := mustScore(t, x, nil, result.OutlierRule{Metric: "m", Method: result.Grubbs, Direction: result.Low})
	if !slices.Equal(flaggedValues(x, g), []float64{0}) {
		t.Errorf("grubbs low %v", flaggedValues(x, g))
	}
}

func TestESDSteps(t *testing.T) {
	res, err := ESDTest([]float64{1, 2, 3, 50}, 0.05, 10, result.Both)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Stats) != 1 || len(res.Critical) != 1 || res.Index[0] != 3 {
		t.Errorf("want 1 step (fewer than half of 4), removing 50: %+v", res)
	}
	if _, err := ESDTest([]float64{1, 2}, 0.05, 1, result.Both); !errors.Is(err, ErrTooFew) {
		t.Errorf("two values: %v", err)
	}
	if _, err := ESDTest([]float64{1, 2, 3}, 0, 1, result.Both); !errors.Is(err, result.ErrInvalidRule) {
		t.Errorf("alpha 0: %v", err)
	}
	if _, err := ESDTest([]float64{1, 2, 3}, 0.05, 0, result.Both); !errors.Is(err, result.ErrInvalidRule) {
		t.Errorf("max_outliers 0: %v", err)
	}
	if _, err := GrubbsTest([]float64{1, 2, 3}, 0.05, "sideways"); !errors.Is(err, result.ErrInvalidRule) {
		t.Errorf("direction: %v", err)
	}
}

func TestMissingValues(t *testing.T) {
	x := []float64{1, 2, math.NaN(), 3, 4, math.Inf(1), 5, 6, 100, 7}
	valid := []bool{true, true, true, true, false, true, true, true, true, true}
	clean := []float64{1, 2, 3, 5, 6, 100, 7}
	for _, m := range result.Methods {
		r := result.OutlierRule{Metric: "m", Method: m}
		res := mustScore(t, x, valid, r)
		want := mustScore(t, clean, nil, r)
		k := 0
		for i := range x {
			if i == 2 || i == 4 || i == 5 {
				if res.Valid[i] || res.Flagged[i] {
					t.Errorf("%s: row %d scored", m, i)
				}
				continue
			}
			if !res.Valid[i] || res.Scores[i] != want.Scores[k] || res.Flagged[i] != want.Flagged[k] {
				t.Errorf("%s: row %d: %v, want %v", m, i, res.Scores[i], want.Scores[k])
			}
			k++
		}
	}
}

func TestMinGroup(t *testing.T) {
	x := []float64{1, 2, 1, 2, 3, 5}
	groups := []int{0, 0, 1, 1, 1, NotScored}
	res, err := ScoreGroups(x, nil, groups, result.OutlierRule{Metric: "m", Method: result.RobustZ})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Valid, []bool{false, false, true, true, true, false}) {
		t.Errorf("valid %v: the group of 2 (min_group 3) and the row not scored are NULL", res.Valid)
	}
	one, _ := ScoreGroups(x, nil, []int{0, 1, 1, 1, 1, 1}, result.OutlierRule{Metric: "m", Method: result.ZScore, MinGroup: 1})
	if one.Valid[0] || !one.Valid[1] {
		t.Errorf("zscore needs 2 values even with min_group 1: %v", one.Valid)
	}
	esd, _ := ScoreGroups(x, nil, []int{0, 0, 1, 1, 1, 1}, result.OutlierRule{Metric: "m", Method: result.ESD, MinGroup: 1})
	if esd.Valid[0] || !esd.Valid[2] {
		t.Errorf("esd needs 3 values: %v", esd.Valid)
	}
}

func TestScoreGroups(t *testing.T) {
	x := []float64{10, 100, 11, 101, 12, 102, 30, 180}
	groups := []int{7, 3, 7, 3, 7, 3, 7, 3}
	r := result.OutlierRule{Metric: "m", Method: result.ZScore, Threshold: 1.4}
	res, err := ScoreGroups(x, nil, groups, r)
	if err != nil {
		t.Fatal(err)
	}
	a := mustScore(t, []float64{10, 11, 12, 30}, nil, r)
	b := mustScore(t, []float64{100, 101, 102, 180}, nil, r)
	for k := range 4 {
		if res.Scores[2*k] != a.Scores[k] || res.Scores[2*k+1] != b.Scores[k] {
			t.Errorf("row pair %d: %v %v, want %v %v", k, res.Scores[2*k], res.Scores[2*k+1], a.Scores[k], b.Scores[k])
		}
	}
	if !slices.Equal(flaggedValues(x, res), []float64{30, 180}) {
		t.Errorf("flagged %v", flaggedValues(x, res))
	}
	if _, err := ScoreGroups(x, nil, groups[:3], r); !errors.Is(err, ErrLength) {
		t.Errorf("length: %v", err)
	}
	if _, err := Score(x, []bool{true}, r); !errors.Is(err, ErrLength) {
		t.Errorf("valid length: %v", err)
	}
}
