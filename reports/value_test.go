package reports

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestAppendDateMatchesTime(t *testing.T) {
	first := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	last := time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC).Unix() / 86400
	for d := first; d <= last; d += 7 {
		want := time.Unix(d*86400, 0).UTC().Format(time.DateOnly)
		if got := string(appendDate(nil, d)); got != want {
			t.Fatalf("appendDate(%d) = %s, want %s", d, got, want)
		}
	}
}

func TestAppendDateOutsideFourDigits(t *testing.T) {
	year1 := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400
	tests := []struct {
		days int64
		want string
	}{
		{year1 - 1, "0000-12-31"},
		{year1 - 366, "0000-01-01"}, // year 0 is a leap year
		{year1 - 367, "-0001-12-31"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400, "10000-01-01"},
		{math.MaxInt32, "5881580-07-11"},
		{math.MinInt32, "-5877641-06-23"},
	}
	for _, tt := range tests {
		if got := string(appendDate(nil, tt.days)); got != tt.want {
			t.Errorf("appendDate(%d) = %s, want %s", tt.days, got, tt.want)
		}
	}
}

func TestAppendTimestampMatchesTime(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		ns := rng.Int64() - rng.Int64()/2
		if rng.IntN(4) == 0 {
			ns = ns / 1e9 * 1e9 // whole seconds
		}
		sec, sub := floorDiv(ns, nanosPerSec), floorMod(ns, nanosPerSec)
		want := time.Unix(0, ns).UTC().Format(time.RFC3339Nano)
		if got := string(appendTimestamp(nil, sec, sub, true)); got != want {
			t.Fatalf("appendTimestamp(%d) = %s, want %s", ns, got, want)
		}
		naive := strings.TrimSuffix(want, "Z")
		if got := string(appendTimestamp(nil, sec, sub, false)); got != naive {
			t.Fatalf("naive appendTimestamp(%d) = %s, want %s", ns, got, naive)
		}
	}
}

func TestFloorDivExtremes(t *testing.T) {
	if q, m := floorDiv(math.MinInt64, 1000), floorMod(math.MinInt64, 1000); q != -9223372036854776 || m != 192 {
		t.Errorf("floorDiv/floorMod(MinInt64, 1000) = %d, %d", q, m)
	}
}

// decimalText is the reference: big.Int digits with the point placed.
func decimalText(v *big.Int, scale int) string {
	s := new(big.Int).Abs(v).String()
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if v.Sign() < 0 {
		s = "-" + s
	}
	return s
}

func TestAppendDecimalMatchesBigInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		hi, lo := int64(rng.Uint64()), rng.Uint64()
		switch rng.IntN(3) {
		case 0:
			hi = 0
		case 1:
			hi = -1
		}
		scale := rng.IntN(39)
		v := new(big.Int).Lsh(big.NewInt(hi), 64)
		v.Add(v, new(big.Int).SetUint64(lo))
		want := decimalText(v, scale)
		if got := string(appendDecimal(nil, hi, lo, int32(scale))); got != want {
			t.Fatalf("appendDecimal(%d, %d, %d) = %s, want %s", hi, lo, scale, got, want)
		}
	}
}

func TestAppendDecimalEdges(t *testing.T) {
	tests := []struct {
		hi    int64
		lo    uint64
		scale int32
		want  string
	}{
		{0, 0, 0, "0"},
		{0, 0, 3, "0.000"},
		{0, 0, -2, "0"},
		{0, 12, -2, "1200"},
		{-1, math.MaxUint64, -1, "-10"},
		{-1, math.MaxUint64 - 4, 2, "-0.05"},
		{0, 12345, 2, "123.45"},
		{math.MinInt64, 0, 0, "-170141183460469231731687303715884105728"},
		{math.MaxInt64, math.MaxUint64, 38, "1.70141183460469231731687303715884105727"},
	}
	for _, tt := range tests {
		if got := string(appendDecimal(nil, tt.hi, tt.lo, tt.scale)); got != tt.want {
			t.Errorf("appendDecimal(%d, %d, %d) = %s, want %s", tt.hi, tt.lo, tt.scale, got, tt.want)
		}
	}
}

func TestAppendFloatRaw(t *testing.T) {
	tests := []struct {
		v       float64
		bitSize int
		want    string
	}{
		{0, 64, "0"},
		{math.Copysign(0, -1), 64, "-0"},
		{1, 64, "1"},
		{0.1, 64, "0.1"},
		{1234567.5, 64, "1234567.5"},
		{123456789012345680000, 64, "123456789012345680000"},
		{1e21, 64, "1e+21"},
		{0.000001, 64, "0.000001"},
		{1.5e-7, 64, "1.5e-7"},
		{1e-300, 64, "1e-300"},
		{math.MaxFloat64, 64, "1.7976931348623157e+308"},
		{math.NaN(), 64, "NaN"},
		{math.Inf(1), 64, "Infinity"},
		{math.Inf(-1), 64, "-Infinity"},
		{float64(float32(0.1)), 32, "0.1"},
		{float64(float32(3.4e38)), 32, "3.4e+38"},
	}
	for _, tt := range tests {
		if got := string(appendFloatRaw(nil, tt.v, tt.bitSize)); got != tt.want {
			t.Errorf("appendFloatRaw(%v, %d) = %s, want %s", tt.v, tt.bitSize, got, tt.want)
		}
	}
}

func TestAppendFloatRawRoundTrips(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		v := math.Float64frombits(rng.Uint64())
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		got, err := strconv.ParseFloat(string(appendFloatRaw(nil, v, 64)), 64)
		if err != nil || got != v {
			t.Fatalf("%v does not round-trip: %v, %v", v, got, err)
		}
	}
}

func TestAppendFloatDisplay(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{1.5, "1.5"},
		{1.0 / 3, "0.3333"},
		{2.0 / 3, "0.6667"},
		{-0.00001, "0"},
		{1234567.5, "1234567.5"},
		{100, "100"},
		{1e21, "1e+21"},
		{math.NaN(), "NaN"},
		{math.Inf(-1), "-Infinity"},
	}
	for _, tt := range tests {
		if got := string(appendFloatDisplay(nil, tt.v, 64)); got != tt.want {
			t.Errorf("appendFloatDisplay(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestAppendInterval(t *testing.T) {
	const h, m, s = int64(time.Hour), int64(time.Minute), int64(time.Second)
	tests := []struct {
		months, days int32
		nanos        int64
		want         string
	}{
		{0, 0, 0, "PT0S"},
		{1, 2, 3*h + 4*m + 5*s + 5e8, "P1M2DT3H4M5.5S"},
		{12, 0, 0, "P1Y"},
		{-13, 0, 0, "P-1Y-1M"},
		{0, 1, 0, "P1D"},
		{0, 0, 25 * h, "PT25H"},
		{0, 0, 1, "PT0.000000001S"},
		{0, 0, -5e8, "PT-0.5S"},
		{0, -1, -(h + m + s), "P-1DT-1H-1M-1S"},
		{0, 0, 90 * s, "PT1M30S"},
		{0, 0, math.MinInt64, "PT-2562047H-47M-16.854775808S"},
	}
	for _, tt := range tests {
		if got := string(appendInterval(nil, tt.months, tt.days, tt.nanos)); got != tt.want {
			t.Errorf("appendInterval(%d, %d, %d) = %s, want %s", tt.months, tt.days, tt.nanos, got, tt.want)
		}
	}
}
