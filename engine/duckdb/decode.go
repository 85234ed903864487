//go:build !noduckdb

package duckdb

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/big"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	bindings "github.com/duckdb/duckdb-go-bindings"

	"github.com/assay-dev/assay/engine/arrowconv"
)

// decoder appends rows [from, to) of a DuckDB vector to a column. Every
// value goes through the same arrowconv.Column conversion the row path
// uses, except where the vector's storage is exactly the builder's, where
// the values are copied as they are.
type decoder func(c *arrowconv.Column, vec bindings.Vector, from, to int) error

// hugeint is the C API's duckdb_hugeint: a 128-bit two's complement integer.
type hugeint struct {
	lower uint64
	upper int64
}

// big returns h as a big.Int.
func (h hugeint) big() *big.Int {
	v := new(big.Int).Lsh(big.NewInt(h.upper), 64)
	return v.Or(v, new(big.Int).SetUint64(h.lower))
}

// interval is the C API's duckdb_interval.
type interval struct {
	months int32
	days   int32
	micros int64
}

// stringT is the C API's duckdb_string_t (duckdb.h): a length, then up to
// 12 bytes inlined, or a 4-byte prefix and a pointer to the bytes.
type stringT struct {
	length uint32
	prefix [4]byte
	ptr    *byte
}

// inlineLength is the longest string duckdb_string_t holds inline.
const inlineLength = 12

// bytes returns the string's bytes, valid while the chunk lives.
func (s *stringT) bytes() []byte {
	if s.length <= inlineLength {
		return unsafe.Slice(&s.prefix[0], s.length)
	}
	return unsafe.Slice(s.ptr, s.length)
}

// values returns the first n values of vec's data as a slice of T, the Go
// twin of the vector's C storage type.
func values[T any](vec bindings.Vector, n int) []T {
	return unsafe.Slice((*T)(bindings.VectorGetData(vec)), n)
}

// mask is a vector's validity bitmap; nil when every row is valid.
type mask []uint64

// maskOf returns the validity bitmap of the first n rows of vec.
func maskOf(vec bindings.Vector, n int) mask {
	p := bindings.VectorGetValidity(vec)
	if p == nil {
		return nil
	}
	return unsafe.Slice((*uint64)(p), (n+63)/64)
}

// valid reports whether row i is not null.
func (m mask) valid(i int) bool { return m == nil || m[i>>6]>>(i&63)&1 == 1 }

// each calls f with every valid value of rows [from, to) of vec and
// appends a null to c for the others.
func each[T any](c *arrowconv.Column, vec bindings.Vector, from, to int, f func(T) error) error {
	vals := values[T](vec, to)
	m := maskOf(vec, to)
	for i := from; i < to; i++ {
		if !m.valid(i) {
			c.AppendNull()
			continue
		}
		if err := f(vals[i]); err != nil {
			return err
		}
	}
	return nil
}

// eachFunc returns a decoder calling f with every valid value.
func eachFunc[T any](f func(c *arrowconv.Column, v T) error) decoder {
	return func(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
		return each(c, vec, from, to, func(v T) error { return f(c, v) })
	}
}

// copier is an Arrow builder of values of type T.
type copier[T any] interface {
	Append(T)
	AppendNull()
	AppendValues([]T, []bool)
}

// copyDecoder returns a decoder copying the vector's values as they are
// when b is a builder of T, else nil.
func copyDecoder[T any](b array.Builder) decoder {
	cb, ok := b.(copier[T])
	if !ok {
		return nil
	}
	return func(_ *arrowconv.Column, vec bindings.Vector, from, to int) error {
		vals := values[T](vec, to)[from:to]
		m := maskOf(vec, to)
		if m == nil {
			cb.AppendValues(vals, nil)
			return nil
		}
		for i, v := range vals {
			if m.valid(from + i) {
				cb.Append(v)
			} else {
				cb.AppendNull()
			}
		}
		return nil
	}
}

// intDecoder decodes a signed or small unsigned integer vector.
func intDecoder[T int8 | int16 | int32 | int64 | uint8 | uint16 | uint32](c *arrowconv.Column) decoder {
	if d := copyDecoder[T](c.Builder()); d != nil {
		return d
	}
	return eachFunc(func(c *arrowconv.Column, v T) error { return c.AppendInt(int64(v)) })
}

// floatDecoder decodes a FLOAT or DOUBLE vector.
func floatDecoder[T float32 | float64](c *arrowconv.Column) decoder {
	if d := copyDecoder[T](c.Builder()); d != nil {
		return d
	}
	return eachFunc(func(c *arrowconv.Column, v T) error { return c.AppendFloat(float64(v)) })
}

// decodeBool decodes a BOOLEAN vector (one byte a value).
func decodeBool(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v uint8) error { return c.AppendBool(v != 0) })
}

// boolDecoder returns the decoder of BOOLEAN vectors into c: straight into
// its builder when that is a boolean builder (a block of values with their
// validity, instead of a call a value), else decodeBool.
func boolDecoder(c *arrowconv.Column) decoder {
	b, ok := c.Builder().(*array.BooleanBuilder)
	if !ok {
		return decodeBool
	}
	var vals, valid []bool
	return func(_ *arrowconv.Column, vec bindings.Vector, from, to int) error {
		raw := values[uint8](vec, to)[from:to]
		m := maskOf(vec, to)
		vals = vals[:0]
		for _, v := range raw {
			vals = append(vals, v != 0)
		}
		if m == nil {
			b.AppendValues(vals, nil)
			return nil
		}
		valid = valid[:0]
		for i := from; i < to; i++ {
			valid = append(valid, m.valid(i))
		}
		b.AppendValues(vals, valid)
		return nil
	}
}

// decodeUBigInt decodes a UBIGINT vector, as the row path does.
func decodeUBigInt(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v uint64) error { return c.Append(v) })
}

// decimalDecoder decodes a DECIMAL vector of any storage width.
func decimalDecoder(ct columnType, c *arrowconv.Column) decoder {
	scale, width := int32(ct.scale), int32(ct.width)
	switch ct.internal {
	case bindings.TypeSmallInt:
		return smallDecimalDecoder[int16](c, scale, width)
	case bindings.TypeInteger:
		return smallDecimalDecoder[int32](c, scale, width)
	case bindings.TypeBigInt:
		return smallDecimalDecoder[int64](c, scale, width)
	default:
		return hugeDecoder(c, scale, width)
	}
}

// rescaler returns the Decimal128 builder of c, the power of ten a
// decimal of the given scale and width must be multiplied by to reach its
// scale, and its precision, when that can be done in 128 bits without
// rounding; else a nil builder. The product of a value of width digits and
// 10^up, width+up ≤ 38, is below 10^38 < 2^127, so decimal128's wrapping
// multiplication is exact (and much cheaper than IncreaseScaleBy, which
// goes through math/big).
func rescaler(c *arrowconv.Column, scale, width int32) (*array.Decimal128Builder, decimal128.Num, int32) {
	b, ok := c.Builder().(*array.Decimal128Builder)
	if !ok {
		return nil, decimal128.Num{}, 0
	}
	dt := c.Type().(*arrow.Decimal128Type)
	up := dt.Scale - scale
	if up < 0 || width+up > 38 {
		return nil, decimal128.Num{}, 0
	}
	return b, decimal128.GetScaleMultiplier(int(up)), dt.Precision
}

// smallDecimalDecoder decodes a DECIMAL stored in 16, 32 or 64 bits. Into
// a decimal128 builder the rescaled values and their validity are gathered
// and appended as a block; a value that does not fit the builder's
// precision goes, after the ones before it, through AppendDecimal, which
// reports it as the row path does.
func smallDecimalDecoder[T int16 | int32 | int64](c *arrowconv.Column, scale, width int32) decoder {
	b, up, precision := rescaler(c, scale, width)
	if b == nil {
		return eachFunc(func(c *arrowconv.Column, v T) error {
			return c.AppendDecimal(big.NewInt(int64(v)), scale)
		})
	}
	var nums []decimal128.Num
	var valid []bool
	return func(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
		vals := values[T](vec, to)
		m := maskOf(vec, to)
		nums, valid = nums[:0], valid[:0]
		for i := from; i < to; i++ {
			if !m.valid(i) {
				nums = append(nums, decimal128.Num{})
				valid = append(valid, false)
				continue
			}
			n := decimal128.FromI64(int64(vals[i])).Mul(up)
			if !n.FitsInPrecision(precision) {
				b.AppendValues(nums, valid)
				nums, valid = nums[:0], valid[:0]
				if err := c.AppendDecimal(big.NewInt(int64(vals[i])), scale); err != nil {
					return err
				}
				continue
			}
			nums = append(nums, n)
			valid = append(valid, true)
		}
		b.AppendValues(nums, valid)
		return nil
	}
}

// hugeDecoder decodes a HUGEINT or a DECIMAL stored in 128 bits.
func hugeDecoder(c *arrowconv.Column, scale, width int32) decoder {
	b, up, precision := rescaler(c, scale, width)
	_, toInt64 := c.Builder().(*array.Int64Builder)
	return eachFunc(func(c *arrowconv.Column, v hugeint) error {
		if b != nil {
			if n := decimal128.New(v.upper, v.lower).Mul(up); n.FitsInPrecision(precision) {
				b.Append(n)
				return nil
			}
		}
		if toInt64 && scale == 0 && v.upper == int64(v.lower)>>63 {
			return c.AppendInt(int64(v.lower))
		}
		return c.AppendDecimal(v.big(), scale)
	})
}

// dateDecoder decodes a DATE vector (days since 1970-01-01).
func dateDecoder(c *arrowconv.Column) decoder {
	if d := copyDecoder[arrow.Date32](c.Builder()); d != nil {
		return d
	}
	return eachFunc(func(c *arrowconv.Column, v int32) error { return c.AppendDate(v) })
}

// microsDecoder decodes a TIMESTAMP vector whose unit is perMicro of a
// microsecond's reciprocal: 1 for µs, 1,000 for ms, 1,000,000 for s.
func microsDecoder(c *arrowconv.Column, perMicro int64) decoder {
	if ts, ok := c.Type().(*arrow.TimestampType); ok && ts.Unit == arrow.Microsecond && perMicro == 1 {
		return copyDecoder[arrow.Timestamp](c.Builder())
	}
	return eachFunc(func(c *arrowconv.Column, v int64) error { return c.AppendMicros(v * perMicro) })
}

// decodeNanos decodes a TIMESTAMP_NS vector.
func decodeNanos(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v int64) error { return c.AppendTime(time.Unix(0, v).UTC()) })
}

// decodeInterval decodes an INTERVAL vector.
func decodeInterval(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v interval) error {
		return c.AppendIntervalMicros(v.months, v.days, v.micros)
	})
}

// textDecoder decodes a VARCHAR vector. Into a string builder the rows
// go as one block: a view of each value's bytes (inlined or not) and its
// validity are gathered first, then appended at once, so the builder
// reserves the offsets and the bytes once per chunk and copies each value
// without a call a value; a null appends the same empty offset as
// AppendNull.
func textDecoder(c *arrowconv.Column) decoder {
	sb, ok := c.Builder().(*array.StringBuilder)
	if !ok {
		return eachFunc(func(c *arrowconv.Column, v stringT) error { return c.AppendText(v.bytes()) })
	}
	var views [][]byte
	var valid []bool
	return func(_ *arrowconv.Column, vec bindings.Vector, from, to int) error {
		vals := values[stringT](vec, to)[from:to]
		m := maskOf(vec, to)
		views, valid = views[:0], valid[:0]
		size := 0
		for i := range vals {
			var v []byte
			ok := m.valid(from + i)
			if ok {
				v = vals[i].bytes()
				size += len(v)
			}
			views = append(views, v)
			if m != nil {
				valid = append(valid, ok)
			}
		}
		reserveData(sb.BinaryBuilder, size)
		sb.BinaryBuilder.AppendValues(views, valid)
		return nil
	}
}

// reserveData makes room for n more bytes in b, growing its data buffer
// at least twofold when it must grow. The builder's own ReserveData grows
// to the exact size asked, which, called once a chunk, would copy the
// batch's bytes again at every chunk that does not fit.
func reserveData(b *array.BinaryBuilder, n int) {
	if b.DataLen()+n > b.DataCap() {
		b.ReserveData(max(n, b.DataCap()))
	}
}

// decodeJSON decodes a JSON vector as the row path does: decoded by
// encoding/json and encoded again (an invalid document or JSON null is a
// null).
func decodeJSON(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v stringT) error {
		var doc any
		if err := json.Unmarshal(v.bytes(), &doc); err != nil || doc == nil {
			c.AppendNull()
			return nil
		}
		return appendJSON(c, doc)
	})
}

// decodeBlob decodes a BLOB vector.
func decodeBlob(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v stringT) error { return c.AppendBytes(v.bytes()) })
}

// decodeUUID decodes a UUID vector: a hugeint with its top bit flipped.
func decodeUUID(c *arrowconv.Column, vec bindings.Vector, from, to int) error {
	return each(c, vec, from, to, func(v hugeint) error {
		var u arrowconv.UUID
		binary.BigEndian.PutUint64(u[:8], uint64(v.upper)^1<<63)
		binary.BigEndian.PutUint64(u[8:], v.lower)
		return c.AppendUUID(u)
	})
}

// enumDecoder decodes an ENUM vector as its labels.
func enumDecoder(ct columnType) decoder {
	dict := ct.labels
	label := func(c *arrowconv.Column, i uint64) error {
		if i >= uint64(len(dict)) {
			return fmt.Errorf("column %q: enum index %d outside its %d labels", c.Name(), i, len(dict))
		}
		return c.AppendString(dict[i])
	}
	switch ct.internal {
	case bindings.TypeUTinyInt:
		return eachFunc(func(c *arrowconv.Column, v uint8) error { return label(c, uint64(v)) })
	case bindings.TypeUSmallInt:
		return eachFunc(func(c *arrowconv.Column, v uint16) error { return label(c, uint64(v)) })
	default:
		return eachFunc(func(c *arrowconv.Column, v uint32) error { return label(c, uint64(v)) })
	}
}
