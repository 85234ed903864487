package reports

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/assay-dev/assay/compiler/result"
)

// cells formats every value of one test column under fm with the display
// formatter and returns the texts, NULLs as nullText.
func cells(t *testing.T, c testColumn, fm result.Format, nullText string) []string {
	t.Helper()
	mem := newChecked(t)
	rec := buildRecord(t, mem, []testColumn{c})
	defer rec.Release()
	d, err := NewDisplay(rec.Schema(), map[string]result.Format{c.name: fm}, nullText)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Bind(rec); err != nil {
		t.Fatal(err)
	}
	out := make([]string, rec.NumRows())
	for i := range out {
		out[i] = string(d.AppendCell(nil, 0, i))
	}
	return out
}

func decimals(n int) *int { return &n }

// roundRef is the reference rounding of the decimal text dec to k
// decimals, half away from zero (big.Rat's FloatString), without a minus
// sign on zero.
func roundRef(t *testing.T, dec string, k int) string {
	t.Helper()
	r, ok := new(big.Rat).SetString(dec)
	if !ok {
		t.Fatalf("bad decimal %q", dec)
	}
	s := r.FloatString(k)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// TestRoundingHalfAwayFromZero checks random decimal texts, many of them
// ending in an exact half, against big.Rat at every decimals 0..6, for
// integers, floats and decimal128 values.
func TestRoundingHalfAwayFromZero(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := 0; k <= 6; k++ {
		nf := numberFormat{decimals: k}
		for n := 0; n < 2000; n++ {
			dec := randomDecimal(rng, k)
			got := string(nf.appendDecimalText(nil, []byte(dec)))
			if want := roundRef(t, dec, k); got != want {
				t.Fatalf("decimals %d of %s: got %s, want %s", k, dec, got, want)
			}
			f, _ := strconv.ParseFloat(dec, 64)
			short := strconv.FormatFloat(f, 'f', -1, 64)
			if got, want := string(nf.appendFloat(nil, f, 64)), roundRef(t, short, k); got != want {
				t.Fatalf("float decimals %d of %s: got %s, want %s", k, short, got, want)
			}
		}
	}
}

// randomDecimal returns a signed decimal text whose digit after the k-th
// decimal is often a 5 followed by nothing (an exact half).
func randomDecimal(rng *rand.Rand, k int) string {
	var b strings.Builder
	if rng.IntN(2) == 0 {
		b.WriteByte('-')
	}
	b.WriteString(strconv.FormatInt(rng.Int64N(10_000_000), 10))
	b.WriteByte('.')
	for i := 0; i < k; i++ {
		b.WriteByte(byte('0' + rng.IntN(10)))
	}
	switch rng.IntN(3) {
	case 0:
		b.WriteByte('5')
	case 1:
		b.WriteString(strconv.Itoa(rng.IntN(1000)))
	default:
		b.WriteString("4999")
	}
	return b.String()
}

// TestDecimal128Rounding formats random 38-digit decimals of random scale
// and compares with big.Rat.
func TestDecimal128Rounding(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 300; n++ {
		scale := int32(rng.IntN(12))
		hi, lo := rng.Int64N(1<<62)-(1<<61), rng.Uint64()
		v := decimal128.New(hi, lo)
		typ := &arrow.Decimal128Type{Precision: 38, Scale: scale}
		k := rng.IntN(7)
		got := cells(t, testColumn{"d", typ, []any{v}}, result.Format{Decimals: decimals(k)}, "")[0]
		raw := string(appendDecimal(nil, v.HighBits(), v.LowBits(), scale))
		if want := roundRef(t, raw, k); strings.ReplaceAll(got, ",", "") != want {
			t.Fatalf("%s at %d decimals: got %s, want %s", raw, k, got, want)
		}
		checkGrouping(t, got)
	}
}

// checkGrouping checks that the integer part of s has a comma every three
// digits.
func checkGrouping(t *testing.T, s string) {
	t.Helper()
	intPart, _, _ := strings.Cut(strings.TrimLeft(s, "-$€"), ".")
	groups := strings.Split(intPart, ",")
	for i, g := range groups {
		if (i > 0 && len(g) != 3) || len(g) == 0 || len(g) > 3 {
			t.Fatalf("bad grouping in %q", s)
		}
	}
}

func TestNumberStyles(t *testing.T) {
	usd := result.Format{Style: "currency", Currency: "USD"}
	eur0 := result.Format{Style: "currency", Currency: "EUR", Decimals: decimals(0)}
	chf := result.Format{Style: "currency", Currency: "CHF"}
	jpy := result.Format{Style: "currency", Currency: "JPY"}
	pct := result.Format{Style: "percent", Decimals: decimals(1)}
	na := "n/a"
	for _, tc := range []struct {
		fm   result.Format
		v    any
		want string
	}{
		{usd, 1234.5, "$1,234.50"},
		{usd, -12.0, "-$12.00"},
		{usd, -0.004, "$0.00"},
		{usd, -0.005, "-$0.01"},
		{eur0, 24159.5, "€24,160"},
		{eur0, -3.0, "-€3"},
		{chf, 1234.5, "CHF 1,234.50"},
		{chf, -1234.5, "-CHF 1,234.50"},
		{jpy, 1234.5, "¥1,235"},
		{pct, 0.1234, "12.3%"},
		{pct, -0.00049, "0.0%"},
		{pct, 1.0, "100.0%"},
		{result.Format{Style: "percent"}, 0.05, "5.0%"},
		{result.Format{Style: "percent", Decimals: decimals(0)}, 0.995, "100%"},
		{result.Format{}, 1234567.5, "1,234,567.5"},
		{result.Format{}, 1.0 / 3, "0.3333"},
		{result.Format{}, 0.00001234567, "0.00001235"},
		{result.Format{}, 1e-300, "0"},
		{result.Format{}, -0.00001, "-0.00001"},
		{result.Format{Decimals: decimals(2)}, 1e21, "1,000,000,000,000,000,000,000.00"},
		{result.Format{Decimals: decimals(1)}, math.NaN(), "NaN"},
		{result.Format{}, math.Inf(-1), "-Infinity"},
		{result.Format{Decimals: decimals(1), Null: &na}, nil, "n/a"},
	} {
		got := cells(t, testColumn{"x", arrow.PrimitiveTypes.Float64, []any{tc.v}}, tc.fm, "–")[0]
		if got != tc.want {
			t.Errorf("%+v of %v: got %q, want %q", tc.fm, tc.v, got, tc.want)
		}
	}
}

func TestHugeFloat(t *testing.T) {
	got := cells(t, testColumn{"x", arrow.PrimitiveTypes.Float64, []any{1e300, -math.MaxFloat64}}, result.Format{Style: "currency", Currency: "USD"}, "")
	for i, want := range []float64{1e300, -math.MaxFloat64} {
		plain := strings.NewReplacer("$", "", ",", "").Replace(got[i])
		f, err := strconv.ParseFloat(plain, 64)
		if err != nil || f != want || !strings.HasSuffix(got[i], ".00") {
			t.Errorf("%g reads %q", want, got[i])
		}
		checkGrouping(t, got[i])
	}
}

func TestIntegerDefaultsAndPercentOfNull(t *testing.T) {
	got := cells(t, testColumn{"n", arrow.PrimitiveTypes.Int64, []any{int64(1234567), int64(-1000), int64(999), nil, int64(math.MinInt64)}}, result.Format{}, "–")
	want := []string{"1,234,567", "-1,000", "999", "–", "-9,223,372,036,854,775,808"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	got = cells(t, testColumn{"p", arrow.PrimitiveTypes.Int32, []any{nil, int32(1)}}, result.Format{Style: "percent"}, "–")
	if got[0] != "–" || got[1] != "100.0%" {
		t.Errorf("percent of NULL and 1: %q", got)
	}
	got = cells(t, testColumn{"u", arrow.PrimitiveTypes.Uint64, []any{uint64(math.MaxUint64)}}, result.Format{}, "")
	if got[0] != "18,446,744,073,709,551,615" {
		t.Errorf("max uint64: %q", got[0])
	}
}

func TestDecimalDefaults(t *testing.T) {
	dec := decimal128.FromI64
	got := cells(t, testColumn{"d", &arrow.Decimal128Type{Precision: 12, Scale: 2}, []any{dec(123456789), dec(-5)}}, result.Format{}, "")
	if got[0] != "1,234,567.89" || got[1] != "-0.05" {
		t.Errorf("decimal(12,2): %q", got)
	}
	got = cells(t, testColumn{"d", &arrow.Decimal128Type{Precision: 20, Scale: 8}, []any{dec(123456789)}}, result.Format{}, "")
	if got[0] != "1.2346" {
		t.Errorf("decimal(20,8): %q", got)
	}
}

func TestDatePatterns(t *testing.T) {
	for _, tc := range []struct {
		day     arrow.Date32
		pattern string
		want    string
	}{
		{days(2025, 3, 7), "", "2025-03-07"},
		{days(2025, 3, 7), "DD MMM YYYY", "07 Mar 2025"},
		{days(2025, 3, 7), "ddd DD/MM/YY", "Fri 07/03/25"},
		{days(2025, 3, 7), "YYYY Q", "2025 Q1"},
		{days(2025, 11, 30), "YYYY Q", "2025 Q4"},
		{days(2024, 12, 30), "YYYY-Www", "2025-W01"},
		{days(2021, 1, 3), "YYYY-Www ddd", "2020-W53 Sun"},
		{days(2026, 12, 31), "YYYY-Www", "2026-W53"},
		{days(1969, 12, 31), "YYYY-MM-DD ddd", "1969-12-31 Wed"},
	} {
		got := cells(t, testColumn{"d", arrow.FixedWidthTypes.Date32, []any{tc.day}}, result.Format{Date: tc.pattern}, "")[0]
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.pattern, got, tc.want)
		}
	}
	ts := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	got := cells(t, testColumn{"t", ts, []any{micros(2025, 1, 6, 23, 59, 0, 0)}}, result.Format{Date: "DD MMM"}, "")[0]
	if got != "06 Jan" {
		t.Errorf("timestamp: %q", got)
	}
}

// TestISOWeekAgainstTime checks isoWeek against the standard library over
// 20 years of days.
func TestISOWeekAgainstTime(t *testing.T) {
	start := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := 0; d < 20*366; d++ {
		tm := start.AddDate(0, 0, d)
		y, w := isoWeek(tm.Unix() / 86400)
		wy, ww := tm.ISOWeek()
		if int(y) != wy || int(w) != ww {
			t.Fatalf("%s: got %d-W%d, want %d-W%d", tm.Format(time.DateOnly), y, w, wy, ww)
		}
	}
}

func TestFormatNumberAndLabels(t *testing.T) {
	usd0 := result.Format{Style: "currency", Currency: "USD", Decimals: decimals(0), Label: "Cost"}
	if got := FormatNumber(24160, arrow.PrimitiveTypes.Float64, usd0, 2); got != "$24,160" {
		t.Errorf("tick: %q", got)
	}
	if got := FormatNumber(2.5, arrow.PrimitiveTypes.Int64, result.Format{}, 1); got != "2.5" {
		t.Errorf("tick: %q", got)
	}
	schema := schemaOf([]testColumn{{"cost", arrow.PrimitiveTypes.Float64, nil}, {"n", arrow.PrimitiveTypes.Int64, nil}})
	d, err := NewDisplay(schema, map[string]result.Format{"cost": usd0}, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Labels[0] != "Cost" || d.Labels[1] != "n" || !d.Numeric(0) {
		t.Errorf("labels %q", d.Labels)
	}
}
