package result

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Method is an outlier scoring method, spelt as in a report spec.
type Method string

// The methods of an outliers rule.
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
// It is the one list: the compiler checks specs against it and the
// outliers package dispatches on it.
var Methods = []Method{ZScore, RobustZ, IQR, ESD, Grubbs}

// Direction says which side of the distribution is flagged.
type Direction string

// The directions of an outliers rule.
const (
	// High flags only unusually high values (one-sided tests for esd and grubbs).
	High Direction = "high"
	// Low flags only unusually low values (one-sided tests for esd and grubbs).
	Low Direction = "low"
	// Both flags unusually high and unusually low values (the default).
	Both Direction = "both"
)

// Directions lists every direction in the order the documentation presents them.
var Directions = []Direction{High, Low, Both}

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

// Errors about rules, wrapped by Validate.
var (
	// ErrInvalidRule is wrapped by every error about an outlier rule's options.
	ErrInvalidRule = errors.New("invalid outliers rule")
	// ErrInvalidScore is wrapped by every error about a score's definition.
	ErrInvalidScore = errors.New("invalid score")
)

// OutlierRule is one entry of a report's outliers: block. The compiler
// gives every option its value (WithDefaults); a zero option in a rule
// built by hand means "the default" until WithDefaults fills it in.
type OutlierRule struct {
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
func (r OutlierRule) WithDefaults() OutlierRule {
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
func (r OutlierRule) Validate() error {
	checks := []struct {
		bad bool
		msg string
	}{
		{!r.Method.Valid(), fmt.Sprintf("unknown method %q (want %s)", r.Method, MethodList(" or "))},
		{!r.Direction.Valid(), fmt.Sprintf("unknown direction %q (want high, low or both)", r.Direction)},
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
func (r OutlierRule) ScoreColumn() string { return r.Metric + ScoreSuffix }

// OutlierColumn is the name of the column holding the rule's flags.
func (r OutlierRule) OutlierColumn() string { return r.Metric + OutlierSuffix }

// Valid reports whether m is one of Methods.
func (m Method) Valid() bool {
	for _, v := range Methods {
		if m == v {
			return true
		}
	}
	return false
}

// Valid reports whether d is one of Directions.
func (d Direction) Valid() bool {
	for _, v := range Directions {
		if d == v {
			return true
		}
	}
	return false
}

// MethodList spells Methods for a message: "zscore, robust_z, iqr, esd"
// and last, joined by the last separator (", " or " or ").
func MethodList(last string) string {
	names := make([]string, len(Methods))
	for i, m := range Methods {
		names[i] = string(m)
	}
	return strings.Join(names[:len(names)-1], ", ") + last + names[len(names)-1]
}

// ScoreRule is one entry of a report's scores: block: a 0..100 blend of
// the percentile ranks of weighted metrics.
type ScoreRule struct {
	// Name is the name of the column the score adds.
	Name string
	// Weights lists the metrics and their weights, in the spec's order.
	Weights []Weight
}

// Weight is one metric of a score. A negative weight means lower is
// better: the metric is ranked reversed and weighs |Weight|.
type Weight struct {
	Metric string
	Weight float64
}

// Validate reports a score without metrics, a weight that is not a finite
// number, or weights that are all 0, wrapping ErrInvalidScore.
func (s ScoreRule) Validate() error {
	if len(s.Weights) == 0 {
		return fmt.Errorf("%w %q: no metrics", ErrInvalidScore, s.Name)
	}
	total := 0.0
	for _, w := range s.Weights {
		if math.IsNaN(w.Weight) || math.IsInf(w.Weight, 0) {
			return fmt.Errorf("%w %q: the weight of %q is %v", ErrInvalidScore, s.Name, w.Metric, w.Weight)
		}
		total += math.Abs(w.Weight)
	}
	if total == 0 {
		return fmt.Errorf("%w %q: every weight is 0", ErrInvalidScore, s.Name)
	}
	return nil
}
