package postgres

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/assay-dev/assay/engine/arrowconv"
)

// sink appends one non-NULL wire value of a result column to the builder of
// its field.
//
// A sink is bound once per query to the concrete builder of its column, so
// that a value costs one indirect call, a length check and the builder's
// Append: no type switch and no allocation for the fixed-width types, and a
// copy of the bytes for text. Pairs of wire type and Arrow type without a
// sink of their own go through the column's decoder and arrowconv.Column,
// which convert anything Check accepts.
type sink func(raw []byte) error

// bindSinks returns the sink of every column of a result.
func bindSinks(rcs []resultColumn, decs []decoder, cols []*arrowconv.Column) []sink {
	out := make([]sink, len(cols))
	for i, c := range cols {
		if k := directSink(rcs[i], decs[i], c); k != nil {
			out[i] = k
			continue
		}
		dec := decs[i]
		out[i] = func(raw []byte) error { return dec(c, raw) }
	}
	return out
}

// directSink returns the sink bound to c's builder for the binary format of
// rc's type, or nil when there is none for that pair.
func directSink(rc resultColumn, slow decoder, c *arrowconv.Column) sink {
	if rc.format != pgtype.BinaryFormatCode {
		return nil
	}
	switch rc.typname {
	case "bool":
		return boolSink(c)
	case "int2", "int4", "int8":
		return intSink(c, rc.typname)
	case "float4", "float8":
		return floatSink(c, rc.typname)
	case "numeric":
		return numericSink(c, slow)
	case "text", "varchar", "name", "json":
		return textSink(c, 0)
	case "bpchar":
		return textSink(c, -1)
	case "jsonb":
		return textSink(c, 1)
	case "bytea":
		return byteaSink(c)
	case "uuid":
		return uuidSink(c)
	case "date":
		return dateSink(c)
	case "timestamp", "timestamptz":
		return timestampSink(c)
	case "interval":
		return intervalSink(c)
	}
	return nil
}

// malformed is the error for a fixed-size binary value of the wrong length.
func malformed(c *arrowconv.Column, raw []byte, size int) error {
	return fmt.Errorf("column %q: malformed binary value of %d bytes, want %d", c.Name(), len(raw), size)
}

// boolSink reads bool into a boolean builder.
func boolSink(c *arrowconv.Column) sink {
	b, ok := c.Builder().(*array.BooleanBuilder)
	if !ok {
		return nil
	}
	return func(raw []byte) error {
		if len(raw) != 1 {
			return malformed(c, raw, 1)
		}
		b.Append(raw[0] != 0)
		return nil
	}
}

// intSink covers the integer types read into an integer builder at least as
// wide; narrower targets need the range check of arrowconv.
func intSink(c *arrowconv.Column, typname string) sink {
	switch b := c.Builder().(type) {
	case *array.Int16Builder:
		if typname == "int2" {
			return func(raw []byte) error {
				if len(raw) != 2 {
					return malformed(c, raw, 2)
				}
				b.Append(int16(binary.BigEndian.Uint16(raw)))
				return nil
			}
		}
	case *array.Int32Builder:
		if typname == "int4" {
			return func(raw []byte) error {
				if len(raw) != 4 {
					return malformed(c, raw, 4)
				}
				b.Append(int32(binary.BigEndian.Uint32(raw)))
				return nil
			}
		}
	case *array.Int64Builder:
		return int64Sink(c, b)
	}
	return nil
}

// int64Sink reads any integer type into an Int64 builder.
func int64Sink(c *arrowconv.Column, b *array.Int64Builder) sink {
	return func(raw []byte) error {
		switch len(raw) {
		case 8:
			b.Append(int64(binary.BigEndian.Uint64(raw)))
		case 4:
			b.Append(int64(int32(binary.BigEndian.Uint32(raw))))
		case 2:
			b.Append(int64(int16(binary.BigEndian.Uint16(raw))))
		default:
			return malformed(c, raw, 8)
		}
		return nil
	}
}

// floatSink covers float4 and float8 read into a builder of the same width.
func floatSink(c *arrowconv.Column, typname string) sink {
	switch b := c.Builder().(type) {
	case *array.Float64Builder:
		if typname == "float8" {
			return func(raw []byte) error {
				if len(raw) != 8 {
					return malformed(c, raw, 8)
				}
				b.Append(math.Float64frombits(binary.BigEndian.Uint64(raw)))
				return nil
			}
		}
	case *array.Float32Builder:
		if typname == "float4" {
			return func(raw []byte) error {
				if len(raw) != 4 {
					return malformed(c, raw, 4)
				}
				b.Append(math.Float32frombits(binary.BigEndian.Uint32(raw)))
				return nil
			}
		}
	}
	return nil
}

// numericSink reads numeric into a decimal128 builder through
// numericToDecimal128, and through slow (the exact big.Int path, which also
// reports NaN, infinities and overflow) whenever that cannot decide.
func numericSink(c *arrowconv.Column, slow decoder) sink {
	b, ok := c.Builder().(*array.Decimal128Builder)
	if !ok {
		return nil
	}
	dt := c.Type().(*arrow.Decimal128Type)
	scale, precision := dt.Scale, dt.Precision
	return func(raw []byte) error {
		if n, ok := numericToDecimal128(raw, scale, precision); ok {
			b.Append(n)
			return nil
		}
		return slow(c, raw)
	}
}

// textSink appends text (after skip leading bytes: jsonb's version; with
// skip -1, char(n) without its pad) to a string builder without making a
// Go string.
func textSink(c *arrowconv.Column, skip int) sink {
	var b *array.BinaryBuilder
	switch sb := c.Builder().(type) {
	case *array.StringBuilder:
		b = sb.BinaryBuilder
	case *array.LargeStringBuilder:
		b = sb.BinaryBuilder
	default:
		return nil
	}
	switch skip {
	case 0:
		return func(raw []byte) error { b.Append(raw); return nil }
	case -1: // char(n): without the pad, as decodeBPChar
		return func(raw []byte) error { b.Append(trimPad(raw)); return nil }
	}
	return func(raw []byte) error {
		if len(raw) == 0 || raw[0] != 1 {
			return fmt.Errorf("column %q: unknown binary jsonb version", c.Name())
		}
		b.Append(raw[1:])
		return nil
	}
}

// byteaSink reads bytea into a binary builder.
func byteaSink(c *arrowconv.Column) sink {
	b, ok := c.Builder().(*array.BinaryBuilder)
	if !ok {
		return nil
	}
	return func(raw []byte) error { b.Append(raw); return nil }
}

// uuidSink formats a uuid into a string builder through a stack buffer.
func uuidSink(c *arrowconv.Column) sink {
	sb, ok := c.Builder().(*array.StringBuilder)
	if !ok {
		return nil
	}
	b := sb.BinaryBuilder
	return func(raw []byte) error {
		if len(raw) != 16 {
			return malformed(c, raw, 16)
		}
		var buf [36]byte
		b.Append(arrowconv.UUID(raw).AppendText(buf[:0]))
		return nil
	}
}

// dateSink reads a date (days since 2000-01-01) into a date32 builder.
func dateSink(c *arrowconv.Column) sink {
	b, ok := c.Builder().(*array.Date32Builder)
	if !ok {
		return nil
	}
	return func(raw []byte) error {
		if len(raw) != 4 {
			return malformed(c, raw, 4)
		}
		days := int32(binary.BigEndian.Uint32(raw))
		if days == math.MaxInt32 || days == math.MinInt32 {
			return decodeDate(c, raw) // words the error
		}
		b.Append(arrow.Date32(days + pgEpochDays))
		return nil
	}
}

// timestampSink covers timestamp and timestamptz read into a timestamp
// builder of microseconds, PostgreSQL's own unit.
func timestampSink(c *arrowconv.Column) sink {
	b, ok := c.Builder().(*array.TimestampBuilder)
	if !ok || c.Type().(*arrow.TimestampType).Unit != arrow.Microsecond {
		return nil
	}
	return func(raw []byte) error {
		if len(raw) != 8 {
			return malformed(c, raw, 8)
		}
		us := int64(binary.BigEndian.Uint64(raw))
		if us > maxPGMicros || us == math.MinInt64 {
			return decodeTimestamp(c, raw) // words the error
		}
		b.Append(arrow.Timestamp(us + pgEpochMicros))
		return nil
	}
}

// intervalSink reads an interval (microseconds, days, months) into a
// month-day-nanosecond builder.
func intervalSink(c *arrowconv.Column) sink {
	b, ok := c.Builder().(*array.MonthDayNanoIntervalBuilder)
	if !ok {
		return nil
	}
	return func(raw []byte) error {
		if len(raw) != 16 {
			return malformed(c, raw, 16)
		}
		us := int64(binary.BigEndian.Uint64(raw[0:8]))
		if us > math.MaxInt64/1000 || us < math.MinInt64/1000 {
			return decodeInterval(c, raw) // words the error
		}
		b.Append(arrow.MonthDayNanoInterval{
			Months:      int32(binary.BigEndian.Uint32(raw[12:16])),
			Days:        int32(binary.BigEndian.Uint32(raw[8:12])),
			Nanoseconds: us * 1000,
		})
		return nil
	}
}
