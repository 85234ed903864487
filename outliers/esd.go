package outliers

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/assay-dev/assay/compiler/result"
)

// ErrTooFew is wrapped when a test is given fewer values than it needs.
var ErrTooFew = errors.New("too few values")

// ESDResult is the outcome of the generalized ESD test.
type ESDResult struct {
	// Stats holds the test statistics R_1 … R_m: at step i, the largest
	// studentized deviation |x − mean|/s of the n − i + 1 values left
	// (the signed deviation on the side tested by a one-sided test).
	Stats []float64
	// Critical holds the critical values λ_1 … λ_m.
	Critical []float64
	// Index holds the position in x of the value removed at each step.
	Index []int
	// Outliers is the number of outliers: the largest i with R_i > λ_i
	// (0 if none), so the outliers are x[Index[0]] … x[Index[Outliers-1]].
	Outliers int
}

// ESDTest runs the generalized extreme Studentized deviate test (Rosner
// 1983; NIST/SEMATECH e-Handbook §1.3.5.17.3) on x (without NaN) for up to
// maxOutliers outliers at significance level alpha. Step i removes the
// value farthest from the mean of the values left and compares
//
//	R_i = max |x − mean| / s
//	λ_i = (n − i)·t / √((n − i − 1 + t²)·(n − i + 1)),  t = t(p, n − i − 1)
//
// with p = 1 − alpha/(2(n − i + 1)) and t(p, ν) the p-quantile of Student's
// t with ν degrees of freedom. The number of outliers is the largest i with
// R_i > λ_i, not the first i where the test fails: a value hidden by a
// more extreme one (masking) is still found.
//
// Direction High or Low makes it one-sided: each step removes the largest
// (or smallest) value, R_i is its signed deviation and p = 1 − alpha/(n −
// i + 1).
//
// At most ⌊(n − 1)/2⌋ steps are made, whatever maxOutliers says: outliers
// are a minority, and going on until a handful of values are left tests
// samples so small that ties push R_i to its largest possible value
// (n − i)/√(n − i + 1), just above λ_i, and inliers get flagged.
func ESDTest(x []float64, alpha float64, maxOutliers int, dir result.Direction) (ESDResult, error) {
	if err := checkTest(len(x), alpha, dir); err != nil {
		return ESDResult{}, err
	}
	if maxOutliers < 1 {
		return ESDResult{}, fmt.Errorf("%w: max_outliers must be at least 1, not %d", result.ErrInvalidRule, maxOutliers)
	}
	_, res := esd(x, alpha, esdSteps(len(x), maxOutliers), dir)
	return res, nil
}

// esd runs steps steps of the generalized ESD test on x.
func esd(x []float64, alpha float64, steps int, dir result.Direction) (extremes, ESDResult) {
	run := removeExtremes(x, steps, dir)
	res := ESDResult{Stats: run.stats, Index: run.index}
	for i := range run.stats {
		res.Critical = append(res.Critical, esdCritical(len(x)-i, alpha, dir))
		if run.stats[i] > res.Critical[i] {
			res.Outliers = i + 1
		}
	}
	return run, res
}

// esdSteps is the number of steps made on n values: maxOutliers, but
// fewer than half the values.
func esdSteps(n, maxOutliers int) int {
	return min(maxOutliers, (n-1)/2)
}

// checkTest validates the inputs shared by ESDTest and GrubbsTest.
func checkTest(n int, alpha float64, dir result.Direction) error {
	switch {
	case n < 3:
		return fmt.Errorf("outliers: %w: the test needs at least 3 values, got %d", ErrTooFew, n)
	case !(alpha > 0 && alpha < 1):
		return fmt.Errorf("%w: alpha must be between 0 and 1, not %v", result.ErrInvalidRule, alpha)
	case !dir.Valid():
		return fmt.Errorf("%w: unknown direction %q", result.ErrInvalidRule, dir)
	}
	return nil
}

// esdCritical is the critical value of a test among n values: λ_i of the
// generalized ESD with n = n_total − i + 1, and Grubbs' critical value
//
//	G_crit = (n − 1)/√n · √(t²/(n − 2 + t²))
//
// which is the same expression.
func esdCritical(n int, alpha float64, dir result.Direction) float64 {
	p := 1 - alpha/float64(2*n)
	if dir != result.Both {
		p = 1 - alpha/float64(n)
	}
	nu := float64(n - 2)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: nu}.Quantile(p)
	return float64(n-1) * t / math.Sqrt((nu+t*t)*float64(n))
}

// extremes is the record of removing the most extreme values one by one.
type extremes struct {
	stats []float64 // the statistic of each step (≥ 0 for result.Both)
	index []int     // the position in x removed at each step
	// scores holds each value's signed studentized deviation: at its own
	// step for a removed value, against the values left after the last
	// step for the others.
	scores []float64
}

// removeExtremes makes steps removals from x (len(x) − steps ≥ 2), each
// time taking the value with the largest deviation from the mean of those
// left on the side dir looks at.
func removeExtremes(x []float64, steps int, dir result.Direction) extremes {
	left := make([]int, len(x)) // positions in x still in the sample
	for i := range left {
		left[i] = i
	}
	out := extremes{scores: make([]float64, len(x))}
	for range steps {
		mean, sd, k := extremeOf(x, left, dir)
		i := left[k]
		out.scores[i] = ratio(x[i]-mean, sd)
		out.stats = append(out.stats, sideOf(out.scores[i], dir))
		out.index = append(out.index, i)
		left = append(left[:k], left[k+1:]...)
	}
	mean, sd := meanSD(x, left)
	for _, i := range left {
		out.scores[i] = ratio(x[i]-mean, sd)
	}
	return out
}

// extremeOf returns the mean and sample standard deviation of x[left] and
// the position in left of its most extreme value on side dir (the first
// one on ties).
func extremeOf(x []float64, left []int, dir result.Direction) (mean, sd float64, k int) {
	mean, sd = meanSD(x, left)
	best := math.Inf(-1)
	for j, i := range left {
		if d := sideOf(x[i]-mean, dir); d > best {
			best, k = d, j
		}
	}
	return mean, sd, k
}

// sideOf turns a signed deviation into the quantity maximised on side dir.
func sideOf(d float64, dir result.Direction) float64 {
	switch dir {
	case result.High:
		return d
	case result.Low:
		return -d
	}
	return math.Abs(d)
}

// meanSD returns the mean and sample standard deviation of x[left].
func meanSD(x []float64, left []int) (mean, sd float64) {
	v := make([]float64, len(left))
	for j, i := range left {
		v[j] = x[i]
	}
	return stat.MeanStdDev(v, nil)
}

// esdScores flags the outliers found by the generalized ESD test. The
// score of a value is its signed studentized deviation against the values
// not more extreme than it: R_i (with its sign) for the value removed at
// step i, and (x − mean)/s of the values left after the last step for the
// others.
func esdScores(x []float64, r result.OutlierRule) ([]float64, []bool) {
	return testScores(x, r.Alpha, esdSteps(len(x), r.MaxOutliers), r.Direction)
}

// testScores runs steps steps of the test and flags the outliers found.
func testScores(x []float64, alpha float64, steps int, dir result.Direction) ([]float64, []bool) {
	run, res := esd(x, alpha, steps, dir)
	flagged := make([]bool, len(x))
	for _, i := range res.Index[:res.Outliers] {
		flagged[i] = true
	}
	return run.scores, flagged
}

// GrubbsResult is the outcome of Grubbs' test.
type GrubbsResult struct {
	// G is the test statistic: the largest |x − mean|/s (two-sided), or
	// (max − mean)/s (High) or (mean − min)/s (Low).
	G float64
	// Critical is the critical value at the test's alpha.
	Critical float64
	// Index is the position in x of the value tested.
	Index int
	// Outlier reports whether G > Critical: the tested value is an outlier.
	Outlier bool
}

// GrubbsTest runs Grubbs' test for one outlier (Grubbs 1969; NIST/SEMATECH
// e-Handbook §1.3.5.17.1) on x (without NaN) at significance level alpha:
//
//	G = max |x − mean| / s
//	G_crit = (n − 1)/√n · √(t²/(n − 2 + t²)),  t = t(1 − alpha/(2n), n − 2)
//
// Direction High tests the maximum and Low the minimum, one-sided, with
// t = t(1 − alpha/n, n − 2); Both is the two-sided test.
//
// The test is made once and finds at most one outlier; it is not repeated
// after removing the value found, because repeating it neither keeps the
// significance level nor sees outliers that mask each other. Use ESDTest
// for more than one outlier: Grubbs' test is its first step.
func GrubbsTest(x []float64, alpha float64, dir result.Direction) (GrubbsResult, error) {
	if err := checkTest(len(x), alpha, dir); err != nil {
		return GrubbsResult{}, err
	}
	_, res := esd(x, alpha, 1, dir)
	return GrubbsResult{
		G:        res.Stats[0],
		Critical: res.Critical[0],
		Index:    res.Index[0],
		Outlier:  res.Outliers == 1,
	}, nil
}

// grubbsScores flags the value found by Grubbs' test, if any. Scores are as
// for esd with one step: G (with its sign) for the value tested, and
// (x − mean)/s of the other values for the others.
func grubbsScores(x []float64, r result.OutlierRule) ([]float64, []bool) {
	return testScores(x, r.Alpha, 1, r.Direction)
}
