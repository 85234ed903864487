package postgres

import (
	"encoding/binary"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// The sign word of PostgreSQL's binary numeric.
const (
	numericPositive = 0x0000
	numericNegative = 0x4000
)

// numericHeader is the size of the binary numeric header: the number of
// base-10000 digits, the weight of the first, the sign and the display scale,
// each 16 bits.
const numericHeader = 8

// maxFastDigits is the most base-10000 digits the fast path accumulates:
// nine make at most 36 decimal digits, well inside 128 bits.
const maxFastDigits = 9

// pow10u64 holds 10^0 … 10^19, every power of ten a uint64 holds.
var pow10u64 = func() [20]uint64 {
	var p [20]uint64
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * 10
	}
	return p
}()

// numericToDecimal128 converts a finite binary numeric to the unscaled
// value of a decimal128 of the given precision and scale, rounding half
// away from zero as PostgreSQL does, with 128-bit integer arithmetic and no
// allocation. It reports false when it cannot decide: NaN and the
// infinities, more than maxFastDigits digits, a rescale by more than 10^19,
// a value too wide for the precision or a malformed value. The caller then
// takes the exact (allocating) path, which also words the errors.
func numericToDecimal128(raw []byte, scale, precision int32) (decimal128.Num, bool) {
	if len(raw) < numericHeader {
		return decimal128.Num{}, false
	}
	ndigits := int(int16(binary.BigEndian.Uint16(raw[0:2])))
	weight := int(int16(binary.BigEndian.Uint16(raw[2:4])))
	sign := binary.BigEndian.Uint16(raw[4:6])
	if (sign != numericPositive && sign != numericNegative) || ndigits < 0 || ndigits > maxFastDigits ||
		len(raw) != numericHeader+2*ndigits || precision < 1 || precision > 38 {
		return decimal128.Num{}, false
	}
	var hi, lo uint64
	for i := 0; i < ndigits; i++ {
		d := uint64(binary.BigEndian.Uint16(raw[numericHeader+2*i:]))
		var carry uint64
		h, l := bits.Mul64(lo, 10000)
		lo, carry = bits.Add64(l, d, 0)
		hi = hi*10000 + h + carry
	}
	// The last digit counts units of 10000^(weight-ndigits+1).
	hi, lo, ok := scaleBy(hi, lo, 4*(weight-ndigits+1)+int(scale))
	if !ok || !below(hi, lo, decimal128.GetScaleMultiplier(int(precision))) {
		return decimal128.Num{}, false
	}
	n := decimal128.New(int64(hi), lo)
	if sign == numericNegative {
		n = n.Negate()
	}
	return n, true
}

// scaleBy multiplies the unsigned 128-bit hi:lo by 10^exp, or divides it by
// 10^-exp rounding half away from zero, and reports whether that stayed
// within 128 bits and a divisor of at most 10^19.
func scaleBy(hi, lo uint64, exp int) (uint64, uint64, bool) {
	if hi == 0 && lo == 0 {
		return 0, 0, true
	}
	for exp > 0 {
		step := min(exp, 19)
		var ok bool
		if hi, lo, ok = mul128(hi, lo, pow10u64[step]); !ok {
			return 0, 0, false
		}
		exp -= step
	}
	if exp == 0 {
		return hi, lo, true
	}
	if exp < -19 {
		return 0, 0, false
	}
	div := pow10u64[-exp]
	qhi, r := hi/div, hi%div
	qlo, r := bits.Div64(r, lo, div)
	if r >= div-r { // 2r ≥ div without overflow
		var carry uint64
		qlo, carry = bits.Add64(qlo, 1, 0)
		qhi += carry
	}
	return qhi, qlo, true
}

// mul128 multiplies the unsigned 128-bit hi:lo by m and reports whether the
// product fits in 127 bits (the magnitude of a decimal128).
func mul128(hi, lo, m uint64) (uint64, uint64, bool) {
	h1, l1 := bits.Mul64(hi, m)
	h0, l0 := bits.Mul64(lo, m)
	nh, carry := bits.Add64(l1, h0, 0)
	if h1 != 0 || carry != 0 || nh>>63 != 0 {
		return 0, 0, false
	}
	return nh, l0, true
}

// below reports whether the unsigned 128-bit hi:lo is less than the
// positive limit.
func below(hi, lo uint64, limit decimal128.Num) bool {
	lh := uint64(limit.HighBits())
	return hi < lh || (hi == lh && lo < limit.LowBits())
}
