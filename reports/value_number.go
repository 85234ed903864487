package reports

import (
	"math"
	"math/bits"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// numberBinder formats the float or decimal array of type id in style st.
func numberBinder(id arrow.Type, st style) binder {
	switch id {
	case arrow.FLOAT32:
		return floats[float32, *array.Float32](32, st)
	case arrow.FLOAT64:
		return floats[float64, *array.Float64](64, st)
	default:
		return bindDecimal128
	}
}

// floats formats an array of floats of the given bit size in style st.
func floats[T float32 | float64, A valuer[T]](bitSize int, st style) binder {
	if st == styleDisplay {
		return bindAs(func(a A) appendFunc {
			return func(buf []byte, i int) []byte { return appendFloatDisplay(buf, float64(a.Value(i)), bitSize) }
		})
	}
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte { return appendFloatRaw(buf, float64(a.Value(i)), bitSize) }
	})
}

// appendFloatRaw appends the shortest text that reads back as f at the
// given bit size: plain notation for 1e-6 <= |f| < 1e21, exponent notation
// outside (the rule of encoding/json), and NaN, Infinity, -Infinity.
func appendFloatRaw(buf []byte, f float64, bitSize int) []byte {
	if s, ok := nonFinite(f); ok {
		return append(buf, s...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && exponentRange(abs, bitSize) {
		format = 'e'
	}
	buf = strconv.AppendFloat(buf, f, format, -1, bitSize)
	if format == 'e' {
		buf = trimExponentZero(buf)
	}
	return buf
}

// exponentRange reports whether the positive abs reads better in exponent
// notation, judged at the float's own precision.
func exponentRange(abs float64, bitSize int) bool {
	if bitSize == 32 {
		f := float32(abs)
		return f < 1e-6 || f >= 1e21
	}
	return abs < 1e-6 || abs >= 1e21
}

// trimExponentZero turns a two-digit negative exponent such as e-07 into
// e-7, as encoding/json does.
func trimExponentZero(buf []byte) []byte {
	n := len(buf)
	if n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
		buf[n-2] = buf[n-1]
		buf = buf[:n-1]
	}
	return buf
}

// nonFinite returns the text of NaN and the infinities.
func nonFinite(f float64) (string, bool) {
	switch {
	case math.IsNaN(f):
		return "NaN", true
	case math.IsInf(f, 1):
		return "Infinity", true
	case math.IsInf(f, -1):
		return "-Infinity", true
	}
	return "", false
}

// displayDecimals is how many fractional digits a float shows in a table.
const displayDecimals = 4

// appendFloatDisplay appends f rounded to displayDecimals fractional digits,
// trailing zeros trimmed. Values of 1e21 and beyond (and NaN and the
// infinities) read as in appendFloatRaw; a value that rounds to zero reads 0.
func appendFloatDisplay(buf []byte, f float64, bitSize int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1e21 {
		return appendFloatRaw(buf, f, bitSize)
	}
	start := len(buf)
	buf = strconv.AppendFloat(buf, f, 'f', displayDecimals, bitSize)
	buf = trimFraction(buf, start)
	if string(buf[start:]) == "-0" {
		buf = append(buf[:start], '0')
	}
	return buf
}

// trimFraction removes trailing zeros of the fraction of the number that
// starts at buf[start], and the point if nothing is left after it.
func trimFraction(buf []byte, start int) []byte {
	for i := start; i < len(buf); i++ {
		if buf[i] != '.' {
			continue
		}
		end := len(buf)
		for end > i+1 && buf[end-1] == '0' {
			end--
		}
		if end == i+1 {
			end = i
		}
		return buf[:end]
	}
	return buf
}

// bindDecimal128 formats a Decimal128 array as plain decimal text with
// exactly scale fractional digits.
var bindDecimal128 = bindAs(func(a *array.Decimal128) appendFunc {
	scale := a.DataType().(*arrow.Decimal128Type).Scale
	return func(buf []byte, i int) []byte {
		n := a.Value(i)
		return appendDecimal(buf, n.HighBits(), n.LowBits(), scale)
	}
})

// appendDecimal appends the two's complement 128-bit integer hi:lo divided
// by 10^scale, in plain decimal text.
func appendDecimal(buf []byte, hi int64, lo uint64, scale int32) []byte {
	uhi, ulo := uint64(hi), lo
	if hi < 0 {
		var borrow uint64
		ulo, borrow = bits.Sub64(0, lo, 0)
		uhi, _ = bits.Sub64(0, uint64(hi), borrow)
		buf = append(buf, '-')
	}
	start := len(buf)
	buf = appendUint128(buf, uhi, ulo)
	return placePoint(buf, start, int(scale))
}

// pow19 is 10^19, the largest power of ten in a uint64.
const pow19 = 10_000_000_000_000_000_000

// appendUint128 appends the unsigned 128-bit integer hi:lo in decimal.
func appendUint128(buf []byte, hi, lo uint64) []byte {
	if hi == 0 {
		return strconv.AppendUint(buf, lo, 10)
	}
	qhi, rem := hi/pow19, hi%pow19
	qlo, r := bits.Div64(rem, lo, pow19)
	buf = appendUint128(buf, qhi, qlo)
	return appendPadded(buf, r, 19)
}

// appendPadded appends v in decimal, left-padded with zeros to width digits.
// It writes the digits itself, from the right: the fields it serves (parts of
// dates and times, 19-digit groups of decimals) are short, and strconv's
// general path is slower for them.
func appendPadded(buf []byte, v uint64, width int) []byte {
	var scratch [24]byte
	i := len(scratch)
	for v >= 10 {
		i--
		scratch[i] = byte('0' + v%10)
		v /= 10
	}
	i--
	scratch[i] = byte('0' + v)
	for len(scratch)-i < width && i > 0 {
		i--
		scratch[i] = '0'
	}
	return append(buf, scratch[i:]...)
}

// placePoint turns the digits buf[start:] into a decimal with scale
// fractional digits: it inserts the point (and leading zeros) for a
// positive scale and appends zeros for a negative one.
func placePoint(buf []byte, start, scale int) []byte {
	n := len(buf) - start
	switch {
	case scale < 0:
		if n == 1 && buf[start] == '0' {
			return buf
		}
		for ; scale < 0; scale++ {
			buf = append(buf, '0')
		}
		return buf
	case scale == 0:
		return buf
	case n > scale:
		buf = append(buf, 0)
		at := len(buf) - 1 - scale
		copy(buf[at+1:], buf[at:len(buf)-1])
		buf[at] = '.'
		return buf
	default:
		pad := scale - n + 2 // "0." and the missing zeros
		buf = append(buf, make([]byte, pad)...)
		copy(buf[start+pad:], buf[start:start+n])
		buf[start], buf[start+1] = '0', '.'
		for i := start + 2; i < start+pad; i++ {
			buf[i] = '0'
		}
		return buf
	}
}
