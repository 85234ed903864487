package emrdata

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// MaxScale is the largest accepted [Options.Scale]. At that scale the visits
// table has about 100 million rows, still well inside 32-bit ids.
const MaxScale = 1000

// ErrInvalidOptions is returned, wrapped, by the loaders for options outside
// their documented range.
var ErrInvalidOptions = errors.New("emrdata: invalid options")

// Options selects one data set. The data set is a pure function of Options.
type Options struct {
	// Seed seeds every random stream of the generator. Any value is valid,
	// including 0; the default is 1.
	Seed int64
	// Scale multiplies the number of patients, staff, shifts and visits; the
	// number of clinics grows with its square root (12 clinics at scale 1,
	// 24 at scale 4). It must be between 1 and MaxScale; 0 means 1.
	Scale int
}

// DefaultOptions returns the options of the committed example data set:
// seed 1, scale 1 (12 clinics, about 100,000 visits).
func DefaultOptions() Options {
	return Options{Seed: 1, Scale: 1}
}

// normalized returns opts with a zero Scale replaced by 1, or an error
// wrapping ErrInvalidOptions.
func (o Options) normalized() (Options, error) {
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.Scale < 1 || o.Scale > MaxScale {
		return o, fmt.Errorf("%w: scale %d is not between 1 and %d", ErrInvalidOptions, o.Scale, MaxScale)
	}
	return o, nil
}

// Random stream identifiers. Every part of the data set draws from its own
// stream, so changing how one table is generated does not reshuffle the
// others, and the stream of one clinic-day does not depend on any other.
const (
	streamClinics uint64 = iota + 1
	streamStaff
	streamPatients
	streamAnomalies
	streamRoster
	streamVisits
)

// newRand returns the random stream identified by (stream, a, b) under seed.
func newRand(seed int64, stream, a, b uint64) *rand.Rand {
	key := splitmix64(stream<<56 ^ a<<28 ^ b)
	return rand.New(rand.NewPCG(splitmix64(uint64(seed)), key))
}

// splitmix64 scrambles x so that nearby keys seed unrelated streams.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// chance reports true with the given probability in per mille.
func chance(r *rand.Rand, permille int) bool {
	return r.IntN(1000) < permille
}

// between returns a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int {
	return lo + r.IntN(hi-lo+1)
}

// isqrt returns the integer square root of n >= 0.
func isqrt(n int) int {
	x := 0
	for (x+1)*(x+1) <= n {
		x++
	}
	return x
}
