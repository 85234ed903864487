package arrowconv

import (
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// Decimal is an exact decimal number: Value × 10^-Scale. A negative Scale
// multiplies by a power of ten.
type Decimal struct {
	Value *big.Int
	Scale int32
}

// maxPow10 is the largest power of ten kept in pow10s.
const maxPow10 = 80

// pow10s holds 10^0 … 10^maxPow10; entries are never modified.
var pow10s = func() []*big.Int {
	out := make([]*big.Int, maxPow10+1)
	out[0] = big.NewInt(1)
	ten := big.NewInt(10)
	for i := 1; i <= maxPow10; i++ {
		out[i] = new(big.Int).Mul(out[i-1], ten)
	}
	return out
}()

// pow10 returns 10^n for n ≥ 0. The result must not be modified.
func pow10(n int32) *big.Int {
	if n <= maxPow10 {
		return pow10s[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// bigInt returns v as a new big.Int.
func bigInt(v int64) *big.Int { return big.NewInt(v) }

// rescale returns v × 10^-from expressed with scale to: multiplied when to
// is larger, divided and rounded half away from zero when it is smaller.
// v is not modified.
func rescale(v *big.Int, from, to int32) *big.Int {
	switch {
	case to == from:
		return v
	case to > from:
		return new(big.Int).Mul(v, pow10(to-from))
	}
	div := pow10(from - to)
	q, r := new(big.Int).QuoRem(v, div, new(big.Int))
	// Round half away from zero: |2r| ≥ div bumps |q| by one.
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(div) >= 0 {
		if v.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// AppendDecimal appends the exact number v × 10^-scale. A decimal builder
// gets it rounded to its scale (an error when it then has more digits than
// the precision allows); a floating-point builder the nearest float; an
// integer builder the value when it is whole and in range.
func (c *Column) AppendDecimal(v *big.Int, scale int32) error {
	switch b := c.b.(type) {
	case *array.Decimal128Builder:
		return c.appendDecimal128(b, v, scale)
	case *array.Float64Builder:
		f, _ := decimalRat(v, scale).Float64()
		b.Append(f)
	case *array.Float32Builder:
		f, _ := decimalRat(v, scale).Float32()
		b.Append(f)
	case *array.Int64Builder, *array.Int32Builder, *array.Int16Builder, *array.Int8Builder:
		return c.appendDecimalInt(v, scale)
	default:
		return c.mismatch("decimal")
	}
	return nil
}

// decimalRat returns v × 10^-scale as a rational number.
func decimalRat(v *big.Int, scale int32) *big.Rat {
	if scale <= 0 {
		return new(big.Rat).SetInt(new(big.Int).Mul(v, pow10(-scale)))
	}
	return new(big.Rat).SetFrac(v, pow10(scale))
}

// appendDecimal128 rescales v to the builder's scale and appends it.
func (c *Column) appendDecimal128(b *array.Decimal128Builder, v *big.Int, scale int32) error {
	dt := c.typ.(*arrow.Decimal128Type)
	r := rescale(v, scale, dt.Scale)
	limit := pow10(dt.Precision)
	if new(big.Int).Abs(r).Cmp(limit) >= 0 {
		return c.overflow(decimalRat(v, scale).FloatString(int(max(scale, 0))))
	}
	b.Append(decimal128.FromBigInt(r))
	return nil
}

// appendDecimalInt appends v × 10^-scale to an integer builder when it is a
// whole number that fits in an int64 (AppendInt checks narrower types).
func (c *Column) appendDecimalInt(v *big.Int, scale int32) error {
	whole := v
	if scale > 0 {
		q, r := new(big.Int).QuoRem(v, pow10(scale), new(big.Int))
		if r.Sign() != 0 {
			return c.overflow(decimalRat(v, scale).FloatString(int(scale)))
		}
		whole = q
	} else if scale < 0 {
		whole = new(big.Int).Mul(v, pow10(-scale))
	}
	if !whole.IsInt64() {
		return c.overflow(whole)
	}
	return c.AppendInt(whole.Int64())
}
