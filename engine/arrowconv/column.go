package arrowconv

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// ErrType reports that a column's database type cannot be read as the
// Arrow type of its field in the result schema.
var ErrType = errors.New("type mismatch")

// ErrRange reports that a value does not fit the Arrow type of its field
// (an integer out of range, a decimal with too many digits, …).
var ErrRange = errors.New("value out of range")

// UUID is a 16-byte UUID value, as backends hand it to a Column.
type UUID [16]byte

// String formats u in the canonical 8-4-4-4-12 lower-case hex form.
func (u UUID) String() string {
	var buf [36]byte
	return string(u.AppendText(buf[:0]))
}

// AppendText appends the canonical 8-4-4-4-12 lower-case hex form of u to
// buf, without allocating when buf has room.
func (u UUID) AppendText(buf []byte) []byte {
	buf = hex.AppendEncode(buf, u[0:4])
	buf = append(buf, '-')
	buf = hex.AppendEncode(buf, u[4:6])
	buf = append(buf, '-')
	buf = hex.AppendEncode(buf, u[6:8])
	buf = append(buf, '-')
	buf = hex.AppendEncode(buf, u[8:10])
	buf = append(buf, '-')
	return hex.AppendEncode(buf, u[10:16])
}

// Column appends the values of one result column to the Arrow builder of
// its field. Its Append methods take the value in the form the database
// produced and convert it to the builder's type; they return an error
// wrapping ErrType or ErrRange, naming the column, when they cannot.
type Column struct {
	name string
	typ  arrow.DataType
	b    array.Builder
}

// NewColumn returns a Column that appends to b, a builder of the field
// called name. The Column does not own b.
func NewColumn(name string, b array.Builder) *Column {
	return &Column{name: name, typ: b.Type(), b: b}
}

// Name returns the name of the column's field.
func (c *Column) Name() string { return c.name }

// Type returns the Arrow type values are converted to.
func (c *Column) Type() arrow.DataType { return c.typ }

// Builder returns the builder the column appends to, for a backend that
// binds a decoder to its concrete type once instead of dispatching on every
// value. Values appended to it directly must be of the builder's own type,
// one per row, exactly as the Append methods would have appended them.
func (c *Column) Builder() array.Builder { return c.b }

// AppendNull appends a null.
func (c *Column) AppendNull() { c.b.AppendNull() }

// mismatch is the error for a value of kind what that the builder cannot take.
func (c *Column) mismatch(what string) error {
	return fmt.Errorf("column %q: cannot store a %s value as %s: %w", c.name, what, c.typ, ErrType)
}

// overflow is the error for a value v that does not fit the builder's type.
func (c *Column) overflow(v any) error {
	return fmt.Errorf("column %q: value %v does not fit %s: %w", c.name, v, c.typ, ErrRange)
}

// AppendBool appends a boolean.
func (c *Column) AppendBool(v bool) error {
	b, ok := c.b.(*array.BooleanBuilder)
	if !ok {
		return c.mismatch("boolean")
	}
	b.Append(v)
	return nil
}

// AppendInt appends an integer to an integer, floating-point or decimal
// builder, checking the range of narrower types.
func (c *Column) AppendInt(v int64) error {
	switch b := c.b.(type) {
	case *array.Int64Builder:
		b.Append(v)
	case *array.Int32Builder:
		return appendNarrow(c, b, v, math.MinInt32, math.MaxInt32)
	case *array.Int16Builder:
		return appendNarrow(c, b, v, math.MinInt16, math.MaxInt16)
	case *array.Int8Builder:
		return appendNarrow(c, b, v, math.MinInt8, math.MaxInt8)
	case *array.Float64Builder:
		b.Append(float64(v))
	case *array.Float32Builder:
		b.Append(float32(v))
	case *array.Decimal128Builder:
		return c.appendIntDecimal(b, v)
	default:
		return c.mismatch("integer")
	}
	return nil
}

// appendNarrow appends v to a builder of a narrower integer type after
// checking that it lies in [lo, hi].
func appendNarrow[T int8 | int16 | int32](c *Column, b interface{ Append(T) }, v, lo, hi int64) error {
	if v < lo || v > hi {
		return c.overflow(v)
	}
	b.Append(T(v))
	return nil
}

// appendIntDecimal appends an integer to a decimal builder, scaled to the
// builder's scale.
func (c *Column) appendIntDecimal(b *array.Decimal128Builder, v int64) error {
	dt := c.typ.(*arrow.Decimal128Type)
	if dt.Scale < 0 || dt.Scale > 18 {
		return c.appendDecimal128(b, bigInt(v), 0)
	}
	n := decimal128.FromI64(v).IncreaseScaleBy(dt.Scale)
	if !n.FitsInPrecision(dt.Precision) {
		return c.overflow(v)
	}
	b.Append(n)
	return nil
}

// AppendFloat appends a floating-point number to a floating-point or
// decimal builder. A NaN or infinity cannot be stored as a decimal.
func (c *Column) AppendFloat(v float64) error {
	switch b := c.b.(type) {
	case *array.Float64Builder:
		b.Append(v)
	case *array.Float32Builder:
		if !math.IsInf(v, 0) && !math.IsNaN(v) && math.Abs(v) > math.MaxFloat32 {
			return c.overflow(v)
		}
		b.Append(float32(v))
	case *array.Decimal128Builder:
		dt := c.typ.(*arrow.Decimal128Type)
		n, err := decimal128.FromFloat64(v, dt.Precision, dt.Scale)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return c.overflow(v)
		}
		b.Append(n)
	default:
		return c.mismatch("floating-point")
	}
	return nil
}

// AppendString appends text to a string or binary builder.
func (c *Column) AppendString(v string) error {
	switch b := c.b.(type) {
	case *array.StringBuilder:
		b.Append(v)
	case *array.LargeStringBuilder:
		b.Append(v)
	case *array.BinaryBuilder: // also the base of StringBuilder, handled above
		b.AppendString(v)
	default:
		return c.mismatch("text")
	}
	return nil
}

// AppendText appends UTF-8 text held in a byte slice, without converting it
// to a string first. The builder copies the bytes.
func (c *Column) AppendText(v []byte) error {
	switch b := c.b.(type) {
	case *array.StringBuilder:
		b.BinaryBuilder.Append(v)
	case *array.LargeStringBuilder:
		b.BinaryBuilder.Append(v)
	case *array.BinaryBuilder:
		b.Append(v)
	default:
		return c.mismatch("text")
	}
	return nil
}

// AppendBytes appends binary data to a binary builder, or to a fixed-size
// binary builder when the length matches. The builder copies the bytes.
func (c *Column) AppendBytes(v []byte) error {
	switch b := c.b.(type) {
	case *array.BinaryBuilder:
		b.Append(v)
	case *array.FixedSizeBinaryBuilder:
		if len(v) != c.typ.(*arrow.FixedSizeBinaryType).ByteWidth {
			return c.overflow(fmt.Sprintf("of %d bytes", len(v)))
		}
		b.Append(v)
	default:
		return c.mismatch("binary")
	}
	return nil
}

// AppendUUID appends a UUID: as its canonical text to a string builder, as
// its 16 bytes to a binary or fixed-size binary builder.
func (c *Column) AppendUUID(v UUID) error {
	switch c.b.(type) {
	case *array.StringBuilder, *array.LargeStringBuilder:
		var buf [36]byte
		return c.AppendText(v.AppendText(buf[:0]))
	case *array.BinaryBuilder, *array.FixedSizeBinaryBuilder:
		return c.AppendBytes(v[:])
	default:
		return c.mismatch("uuid")
	}
}
