// This file holds the methods that measure a value's deviation from the
// centre of its group: zscore, robust_z and iqr, and the order statistics
// they use.

package outliers

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/assay-dev/assay/compiler/result"
)

// Constants of the modified z-score (Iglewicz and Hoaglin 1993).
const (
	// RobustZFactor is 0.6745, the 0.75 quantile of the standard normal:
	// 0.6745·(x − median)/MAD is on the scale of a z-score for normal data.
	RobustZFactor = 0.6745
	// MeanADFactor is 1.253314 ≈ √(π/2), the ratio of the standard
	// deviation to the mean absolute deviation of a normal distribution.
	// It scales the fallback used when the MAD is 0.
	MeanADFactor = 1.253314
	// NormalIQR is 1.349, the interquartile range of the standard normal,
	// used by iqr's fallback unit when the IQR is 0.
	NormalIQR = 1.349
)

// zScores scores (x − mean) / s with the sample standard deviation s
// (n − 1 in the denominator). When s is 0 every value equals the mean and
// every score is 0.
func zScores(x []float64, r result.OutlierRule) ([]float64, []bool) {
	mean, sd := stat.MeanStdDev(x, nil)
	scores := make([]float64, len(x))
	for i, v := range x {
		scores[i] = ratio(v-mean, sd)
	}
	return scores, flagAll(scores, r.Direction, r.Threshold)
}

// robustZScores scores the modified z-score 0.6745·(x − median)/MAD.
//
// When more than half the values are equal the MAD is 0; the score then
// falls back to (x − median)/(1.253314·MeanAD), with MeanAD the mean
// absolute deviation from the median (the fallback IBM Cognos Analytics
// documents for its modified z-score). MeanAD is 0 only when every value
// equals the median, and then every score is 0.
func robustZScores(x []float64, r result.OutlierRule) ([]float64, []bool) {
	sp := spreadOf(x)
	factor, scale := RobustZFactor, sp.mad
	if sp.mad == 0 {
		factor, scale = 1, MeanADFactor*sp.meanAD
	}
	scores := make([]float64, len(x))
	for i, v := range x {
		scores[i] = factor * ratio(v-sp.median, scale)
	}
	return scores, flagAll(scores, r.Direction, r.Threshold)
}

// ratio returns d/s, or 0 when s is 0 (which happens only when every
// deviation d is 0 too).
func ratio(d, s float64) float64 {
	if s == 0 {
		return 0
	}
	return d / s
}

// Fences are Tukey's fences of one sample.
type Fences struct {
	// Q1 and Q3 are the type-7 quartiles.
	Q1, Q3 float64
	// Unit is the interquartile range Q3 − Q1, or its fallback when that
	// is 0 (see TukeyFences).
	Unit float64
	// Lower and Upper are Q1 − k·Unit and Q3 + k·Unit.
	Lower, Upper float64
}

// TukeyFences computes Tukey's fences Q1 − k·IQR and Q3 + k·IQR of x
// (without NaN), with the quartiles of Quantile (type 7).
//
// When more than a quarter of the values on each side tie, the IQR is 0
// and every value that differs from Q1 = Q3 would lie infinitely many IQRs
// beyond a fence. The unit then falls back to 1.349 × 1.253314 × MeanAD,
// the IQR of a normal distribution with the sample's mean absolute
// deviation from the median (the same fallback as robust_z). If that is 0
// too, every value is equal.
func TukeyFences(x []float64, k float64) Fences {
	sp := spreadOf(x)
	f := Fences{Q1: sp.q1, Q3: sp.q3, Unit: sp.q3 - sp.q1}
	if f.Unit == 0 {
		f.Unit = NormalIQR * MeanADFactor * sp.meanAD
	}
	f.Lower = f.Q1 - k*f.Unit
	f.Upper = f.Q3 + k*f.Unit
	return f
}

// Score returns how far v lies beyond the nearer fence, in units of the
// IQR: (v − Upper)/Unit above the upper fence, (v − Lower)/Unit (negative)
// below the lower one, and 0 between the fences.
func (f Fences) Score(v float64) float64 {
	switch {
	case v > f.Upper:
		return ratio(v-f.Upper, f.Unit)
	case v < f.Lower:
		return ratio(v-f.Lower, f.Unit)
	}
	return 0
}

// iqrScores scores each value by Fences.Score; a value is flagged when it
// lies strictly outside a fence on the rule's side.
func iqrScores(x []float64, r result.OutlierRule) ([]float64, []bool) {
	f := TukeyFences(x, r.K)
	scores := make([]float64, len(x))
	flagged := make([]bool, len(x))
	for i, v := range x {
		scores[i] = f.Score(v)
		flagged[i] = (v > f.Upper && r.Direction != result.Low) || (v < f.Lower && r.Direction != result.High)
	}
	return scores, flagged
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1) of sorted, an ascending
// slice without NaN, by linear interpolation between order statistics:
// Hyndman and Fan's type 7, the default of R's quantile() and of NumPy's
// percentile(). With h = (n−1)·p and j = ⌊h⌋ (0-based),
//
//	Q(p) = (1 − (h − j))·x[j] + (h − j)·x[j+1]
//
// It returns NaN for an empty slice or a p outside [0, 1]. gonum's
// stat.Quantile implements other definitions (types 1 and 4), which is
// why the package has its own.
func Quantile(sorted []float64, p float64) float64 {
	n := len(sorted)
	if n == 0 || !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	h := float64(n-1) * p
	j := math.Floor(h)
	lo := int(j)
	if lo >= n-1 {
		return sorted[n-1]
	}
	frac := h - j
	a, b := sorted[lo], sorted[lo+1]
	if frac == 0 || a == b {
		return a
	}
	// The same arithmetic as R's quantile.default, so results agree to the bit.
	return (1-frac)*a + frac*b
}

// Median returns the median of sorted, an ascending slice (type 7 at 0.5:
// the middle value, or the mean of the two middle values).
func Median(sorted []float64) float64 {
	return Quantile(sorted, 0.5)
}

// spread holds the location and scale statistics of one sample that the
// robust methods share.
type spread struct {
	median float64
	mad    float64 // median absolute deviation from the median, unscaled
	meanAD float64 // mean absolute deviation from the median
	q1, q3 float64 // type-7 quartiles
}

// spreadOf computes the robust statistics of x (without NaN). x is not
// modified.
func spreadOf(x []float64) spread {
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	s := spread{
		median: Median(sorted),
		q1:     Quantile(sorted, 0.25),
		q3:     Quantile(sorted, 0.75),
	}
	dev := make([]float64, len(x))
	sum := 0.0
	for i, v := range sorted {
		dev[i] = math.Abs(v - s.median)
		sum += dev[i]
	}
	slices.Sort(dev)
	s.mad = Median(dev)
	s.meanAD = sum / float64(len(dev))
	return s
}
