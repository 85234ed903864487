package outliers

import (
	"errors"
	"fmt"
	"math"
)

// Method is an outlier scoring method.
type Method string

// The methods of an outliers rule, spelt as in a report spec.
const (
	// ZScore scores (x − mean) / sample standard deviation.
	ZScore Method = "zscore"
	// RobustZ scores the modified z-score 0.6745·(x − median) / MAD.
	RobustZ Method = "robust_z"
	// IQR flags values outside Tukey's fences Q1 − k·IQR and Q3 + k·IQR.
	IQR Method = "iqr"
	// ESD is the generalized extreme Studentized deviate test (Rosner 1983).
	ESD Method = "esd"
	// Grubbs is Grubbs' test for a single outlier.
	Grubbs Method = "grubbs"
)

// Methods lists every method in the order the documentation presents them.
var Methods = []Method{ZScore, RobustZ, IQR, ESD, Grubbs}

// Direction says which side of the distribution is flagged.
type Direction string

// The directions of an outliers rule.
const (
	// Both flags unusually high and unusually low values (the default).
	Both Direction = "both"
	// High flags only unusually high values (one-sided tests for esd and grubbs).
	High Direction = "high"
	// Low flags only unusually low values (one-sided tests for esd and grubbs).
	Low Direction = "low"
)

// Defaults of the rule options, as the spec language states them.
const (
	// DefaultZThreshold is the default threshold of zscore.
	DefaultZThreshold = 3.0
	// DefaultRobustThreshold is the default threshold of robust_z.
	DefaultRobustThreshold = 3.5
	// DefaultK is the default fence factor of iqr.
	DefaultK = 1.5
	// DefaultAlpha is the default significance level of esd and grubbs.
	DefaultAlpha = 0.05
	// DefaultMaxOutliers is the default upper bound of esd.
	DefaultMaxOutliers = 10
	// DefaultMinGroup is the default smallest group that is scored.
	DefaultMinGroup = 3
)

// Suffixes of the columns a rule adds.
const (
	// ScoreSuffix ends the name of a rule's score column, <metric>_score.
	ScoreSuffix = "_score"
	// OutlierSuffix ends the name of a rule's flag column, <metric>_outlier.
	OutlierSuffix = "_outlier"
)

// ErrInvalidRule is wrapped by every error about a rule's options.
var ErrInvalidRule = errors.New("invalid outliers rule")

// Rule is one entry of a report's outliers: block. A zero option means
// "the default"; WithDefaults fills them in. No option is valid as 0, so a
// 0 written in a spec must be refused before it gets here.
type Rule struct {
	// Metric is the result column to score.
	Metric string
	// Method is the scoring method.
	Method Method
	// Threshold is the |score| above which zscore and robust_z flag a value.
	Threshold float64
	// K is the fence factor of iqr.
	K float64
	// Alpha is the significance level of esd and grubbs.
	Alpha float64
	// MaxOutliers is the upper bound on the number of outliers esd looks for.
	MaxOutliers int
	// Direction says which side is flagged.
	Direction Direction
	// Within lists the columns whose values form the groups scored separately.
	Within []string
	// MinGroup is the smallest group that is scored; smaller groups get NULL.
	MinGroup int
}

// WithDefaults returns r with every unset (zero) option replaced by its
// default: threshold 3 for zscore and 3.5 for robust_z, k 1.5, alpha 0.05,
// max_outliers 10, direction both and min_group 3.
func (r Rule) WithDefaults() Rule {
	if r.Threshold == 0 {
		r.Threshold = DefaultZThreshold
		if r.Method == RobustZ {
			r.Threshold = DefaultRobustThreshold
		}
	}
	if r.K == 0 {
		r.K = DefaultK
	}
	if r.Alpha == 0 {
		r.Alpha = DefaultAlpha
	}
	if r.MaxOutliers == 0 {
		r.MaxOutliers = DefaultMaxOutliers
	}
	if r.Direction == "" {
		r.Direction = Both
	}
	if r.MinGroup == 0 {
		r.MinGroup = DefaultMinGroup
	}
	return r
}

// Validate reports the first option of r that cannot work, wrapping
// ErrInvalidRule. It expects a rule that went through WithDefaults.
func (r Rule) Validate() error {
	checks := []struct {
		bad bool
		msg string
	}{
		{!validMethod(r.Method), fmt.Sprintf("unknown method %q (want zscore, robust_z, iqr, esd or grubbs)", r.Method)},
		{!validDirection(r.Direction), fmt.Sprintf("unknown direction %q (want high, low or both)", r.Direction)},
		{!(r.Threshold > 0) || math.IsInf(r.Threshold, 0), fmt.Sprintf("threshold must be a positive number, not %v", r.Threshold)},
		{!(r.K > 0) || math.IsInf(r.K, 0), fmt.Sprintf("k must be a positive number, not %v", r.K)},
		{!(r.Alpha > 0 && r.Alpha < 1), fmt.Sprintf("alpha must be between 0 and 1, not %v", r.Alpha)},
		{r.MaxOutliers < 1, fmt.Sprintf("max_outliers must be at least 1, not %d", r.MaxOutliers)},
		{r.MinGroup < 1, fmt.Sprintf("min_group must be at least 1, not %d", r.MinGroup)},
	}
	for _, c := range checks {
		if c.bad {
			return fmt.Errorf("%w for %q: %s", ErrInvalidRule, r.Metric, c.msg)
		}
	}
	return nil
}

// ScoreColumn is the name of the column holding the rule's scores.
func (r Rule) ScoreColumn() string { return r.Metric + ScoreSuffix }

// OutlierColumn is the name of the column holding the rule's flags.
func (r Rule) OutlierColumn() string { return r.Metric + OutlierSuffix }

func validMethod(m Method) bool {
	for _, v := range Methods {
		if m == v {
			return true
		}
	}
	return false
}

func validDirection(d Direction) bool {
	return d == Both || d == High || d == Low
}

// flags reports whether a signed score beyond limit is flagged in direction d.
func (d Direction) flags(score, limit float64) bool {
	switch d {
	case High:
		return score > limit
	case Low:
		return score < -limit
	}
	return math.Abs(score) > limit
}
