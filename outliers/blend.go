package outliers

import (
	"fmt"
	"math"
	"slices"
)

// PercentRanks returns the percentile rank of each value in [0, 1]:
// (rank − 1)/(n − 1), where rank is the 1-based rank among the n usable
// values (valid, not NaN, not ±Inf) and tied values share the average of
// their ranks. The smallest value gets 0 and the largest 1; a single
// usable value gets 0.5. ok is false where the value is not usable (its
// rank is then 0). valid may be nil, meaning every value is present.
func PercentRanks(values []float64, valid []bool) (ranks []float64, ok []bool) {
	ranks = make([]float64, len(values))
	ok = make([]bool, len(values))
	var idx []int
	for i, v := range values {
		if (valid == nil || valid[i]) && !math.IsNaN(v) && !math.IsInf(v, 0) {
			idx = append(idx, i)
			ok[i] = true
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloat(values[a], values[b]) })
	n := len(idx)
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && values[idx[hi]] == values[idx[lo]] {
			hi++
		}
		// Ranks lo+1 … hi (1-based) share their average, (lo+1+hi)/2.
		r := 0.5
		if n > 1 {
			r = (float64(lo+1+hi)/2 - 1) / float64(n-1)
		}
		for _, i := range idx[lo:hi] {
			ranks[i] = r
		}
		lo = hi
	}
	return ranks, ok
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Blend computes a score for each row: 100 × the weighted mean of the
// metrics' percentile ranks (PercentRanks), each metric weighing |weight|
// and ranked reversed (1 − rank) when its weight is negative. metrics[j]
// and valid[j] are the values of the j-th metric (valid[j] may be nil).
//
// Where a row lacks some metrics (NULL, NaN or ±Inf), its score is the
// weighted mean of the ranks it has, with the weights of those metrics
// renormalised; where it lacks all of them (or all it has weigh 0), its
// score is NULL (ok false). Ranks are computed among the rows that have
// the metric.
func Blend(metrics [][]float64, valid [][]bool, weights []float64) (scores []float64, ok []bool, err error) {
	if len(metrics) != len(weights) || (valid != nil && len(valid) != len(metrics)) {
		return nil, nil, fmt.Errorf("outliers: blend: %w", ErrLength)
	}
	n := 0
	if len(metrics) > 0 {
		n = len(metrics[0])
	}
	sum := make([]float64, n)
	weight := make([]float64, n)
	for j, values := range metrics {
		var v []bool
		if valid != nil {
			v = valid[j]
		}
		if len(values) != n || (v != nil && len(v) != n) {
			return nil, nil, fmt.Errorf("outliers: blend: %w", ErrLength)
		}
		addRanks(sum, weight, values, v, weights[j])
	}
	scores = make([]float64, n)
	ok = make([]bool, n)
	for i := range scores {
		if weight[i] > 0 {
			scores[i], ok[i] = 100*sum[i]/weight[i], true
		}
	}
	return scores, ok, nil
}

// addRanks adds one metric's weighted ranks to sum and its |w| to weight,
// for the rows that have the metric.
func addRanks(sum, weight, values []float64, valid []bool, w float64) {
	ranks, ok := PercentRanks(values, valid)
	for i, r := range ranks {
		if !ok[i] {
			continue
		}
		if w < 0 {
			r = 1 - r
		}
		sum[i] += math.Abs(w) * r
		weight[i] += math.Abs(w)
	}
}
