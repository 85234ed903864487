package outliers

import (
	"errors"
	"fmt"
	"math"

	"github.com/assay-dev/assay/compiler/result"
)

// ErrLength is wrapped when the slices given to Score, ScoreGroups or Blend
// do not have the same length.
var ErrLength = errors.New("slices of different lengths")

// NotScored is the group id of a row that ScoreGroups leaves out: it gets a
// NULL score and takes no part in any group's statistics (a totals row, for
// example).
const NotScored = -1

// Result holds one rule's outcome for every row.
type Result struct {
	// Scores holds each row's score; it is meaningful only where Valid.
	Scores []float64
	// Valid is false where the score is NULL: a NULL or NaN metric, a row
	// of a group smaller than the rule's MinGroup, or a row not scored.
	Valid []bool
	// Flagged is true for the rows flagged as outliers, never where Valid
	// is false.
	Flagged []bool
}

// Outliers returns how many rows are flagged.
func (r Result) Outliers() int {
	n := 0
	for _, f := range r.Flagged {
		if f {
			n++
		}
	}
	return n
}

// Score scores values as one group under rule r, with r.WithDefaults().
// valid may be nil, meaning every value is present; where valid is false,
// or a value is NaN, the value is skipped and its score is NULL.
func Score(values []float64, valid []bool, r result.OutlierRule) (Result, error) {
	return ScoreGroups(values, valid, make([]int, len(values)), r)
}

// ScoreGroups scores each group of values separately under rule r, with
// r.WithDefaults(): groups[i] is the group id of row i, and rows with the
// id NotScored are left out. A group with fewer usable values than
// r.MinGroup, or fewer than the method needs (two for zscore, three for esd
// and grubbs), gets NULL scores and no flags.
func ScoreGroups(values []float64, valid []bool, groups []int, r result.OutlierRule) (Result, error) {
	r = r.WithDefaults()
	if err := r.Validate(); err != nil {
		return Result{}, err
	}
	if len(groups) != len(values) || (valid != nil && len(valid) != len(values)) {
		return Result{}, fmt.Errorf("outliers: scoring %q: %w", r.Metric, ErrLength)
	}
	res := Result{
		Scores:  make([]float64, len(values)),
		Valid:   make([]bool, len(values)),
		Flagged: make([]bool, len(values)),
	}
	for _, rows := range groupRows(values, valid, groups) {
		scoreGroup(values, rows, r, res)
	}
	return res, nil
}

// groupRows lists, per group id in order of first appearance, the rows that
// carry a usable value.
func groupRows(values []float64, valid []bool, groups []int) [][]int {
	index := map[int]int{}
	var out [][]int
	for i, g := range groups {
		if g == NotScored || (valid != nil && !valid[i]) || math.IsNaN(values[i]) || math.IsInf(values[i], 0) {
			continue
		}
		k, ok := index[g]
		if !ok {
			k = len(out)
			index[g] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], i)
	}
	return out
}

// scoreGroup scores the rows of one group and writes them into res.
func scoreGroup(values []float64, rows []int, r result.OutlierRule, res Result) {
	if len(rows) < r.MinGroup || len(rows) < minSample(r.Method) {
		return
	}
	x := make([]float64, len(rows))
	for k, i := range rows {
		x[k] = values[i]
	}
	scores, flagged := scoreSample(x, r)
	for k, i := range rows {
		res.Scores[i] = scores[k]
		res.Valid[i] = true
		res.Flagged[i] = flagged[k]
	}
}

// minSample is the smallest sample a method can score.
func minSample(m result.Method) int {
	switch m {
	case result.ZScore:
		return 2
	case result.ESD, result.Grubbs:
		return 3
	}
	return 1
}

// scoreSample scores one sample without missing values under a valid rule
// with defaults applied; len(x) ≥ minSample(r.Method).
func scoreSample(x []float64, r result.OutlierRule) (scores []float64, flagged []bool) {
	switch r.Method {
	case result.ZScore:
		return zScores(x, r)
	case result.RobustZ:
		return robustZScores(x, r)
	case result.IQR:
		return iqrScores(x, r)
	case result.ESD:
		return esdScores(x, r)
	case result.Grubbs:
		return grubbsScores(x, r)
	default:
		panic(fmt.Sprintf("outliers: unexpected method %q", r.Method))
	}
}

// flagAll flags each score beyond limit in direction d.
func flagAll(scores []float64, d result.Direction, limit float64) []bool {
	flagged := make([]bool, len(scores))
	for i, s := range scores {
		flagged[i] = flags(d, s, limit)
	}
	return flagged
}

// flags reports whether a signed score beyond limit is flagged in direction d.
func flags(d result.Direction, score, limit float64) bool {
	switch d {
	case result.High:
		return score > limit
	case result.Low:
		return score < -limit
	}
	return math.Abs(score) > limit
}
