package outliers

import (
	"math"

	"github.com/assay-dev/assay/compiler/result"
)

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
