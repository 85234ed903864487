package postgres

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// binaryResults asks the server for the binary format of the types with a
// decoder here; every other type comes in text format, which for types
// assay does not know is the text PostgreSQL itself prints.
var binaryResults = pgx.QueryResultFormatsByOID{
	pgtype.BoolOID: pgx.BinaryFormatCode, pgtype.Int2OID: pgx.BinaryFormatCode,
	pgtype.Int4OID: pgx.BinaryFormatCode, pgtype.Int8OID: pgx.BinaryFormatCode,
	pgtype.Float4OID: pgx.BinaryFormatCode, pgtype.Float8OID: pgx.BinaryFormatCode,
	pgtype.NumericOID: pgx.BinaryFormatCode, pgtype.TextOID: pgx.BinaryFormatCode,
	pgtype.VarcharOID: pgx.BinaryFormatCode, pgtype.BPCharOID: pgx.BinaryFormatCode,
	pgtype.NameOID: pgx.BinaryFormatCode, pgtype.JSONOID: pgx.BinaryFormatCode,
	pgtype.JSONBOID: pgx.BinaryFormatCode, pgtype.ByteaOID: pgx.BinaryFormatCode,
	pgtype.UUIDOID: pgx.BinaryFormatCode, pgtype.DateOID: pgx.BinaryFormatCode,
	pgtype.TimestampOID: pgx.BinaryFormatCode, pgtype.TimestamptzOID: pgx.BinaryFormatCode,
	pgtype.IntervalOID: pgx.BinaryFormatCode,
}

// decoder appends one non-null wire value of a column to its Arrow column.
type decoder func(c *arrowconv.Column, raw []byte) error

// PostgreSQL counts dates and timestamps from 2000-01-01.
const (
	pgEpochDays   = 10957           // days from 1970-01-01 to 2000-01-01
	pgEpochMicros = 946684800000000 // microseconds from 1970-01-01 to 2000-01-01
	maxPGMicros   = math.MaxInt64 - pgEpochMicros
)

// resultColumn describes one column of a result as the server sent it.
type resultColumn struct {
	name    string
	oid     uint32
	format  int16
	typname string // pg_type.typname, or "oid N" for a type pgx does not know
	typ     catalog.Type
}

// resultColumns maps the field descriptions of a result to logical types
// through the connection's type map.
func resultColumns(tm *pgtype.Map, fds []pgconn.FieldDescription) []resultColumn {
	out := make([]resultColumn, len(fds))
	for i, fd := range fds {
		typname := fmt.Sprintf("oid %d", fd.DataTypeOID)
		if t, ok := tm.TypeForOID(fd.DataTypeOID); ok {
			typname = t.Name
		}
		out[i] = resultColumn{
			name: fd.Name, oid: fd.DataTypeOID, format: fd.Format,
			typname: typname, typ: typeOf(typname, fd.TypeModifier, typname),
		}
	}
	return out
}

// decoderFor picks the decoder of a result column: a hand-written one for
// the binary format of the common types (see binaryResults), the text
// itself for other types, pgtype's codecs for anything unexpected.
func decoderFor(tm *pgtype.Map, rc resultColumn) decoder {
	if rc.typ.Kind == catalog.Decimal {
		return numericDecoder(tm, rc)
	}
	if rc.format == pgtype.BinaryFormatCode {
		if d := binaryDecoder(rc.typname); d != nil {
			return d
		}
	}
	if rc.format == pgtype.TextFormatCode && rc.typname == "bpchar" {
		return decodeBPChar
	}
	if rc.format == pgtype.TextFormatCode && isTextual(rc.typ.Kind) {
		return decodeText
	}
	return codecDecoder(tm, rc)
}

// isTextual reports whether the text format of kind k is the value itself.
func isTextual(k catalog.Kind) bool {
	return k == catalog.Text || k == catalog.JSON || k == catalog.Unknown
}

// binaryDecoder returns the decoder of the binary format of the type called
// typname, or nil when there is no hand-written one.
func binaryDecoder(typname string) decoder {
	switch typname {
	case "bool":
		return fixed(1, func(c *arrowconv.Column, raw []byte) error { return c.AppendBool(raw[0] != 0) })
	case "int2":
		return fixed(2, func(c *arrowconv.Column, raw []byte) error {
			return c.AppendInt(int64(int16(binary.BigEndian.Uint16(raw))))
		})
	case "int4":
		return fixed(4, func(c *arrowconv.Column, raw []byte) error {
			return c.AppendInt(int64(int32(binary.BigEndian.Uint32(raw))))
		})
	case "int8":
		return fixed(8, func(c *arrowconv.Column, raw []byte) error {
			return c.AppendInt(int64(binary.BigEndian.Uint64(raw)))
		})
	case "float4":
		return fixed(4, func(c *arrowconv.Column, raw []byte) error {
			return c.AppendFloat(float64(math.Float32frombits(binary.BigEndian.Uint32(raw))))
		})
	case "float8":
		return fixed(8, func(c *arrowconv.Column, raw []byte) error {
			return c.AppendFloat(math.Float64frombits(binary.BigEndian.Uint64(raw)))
		})
	}
	return binaryDecoderMore(typname)
}

// binaryDecoderMore covers the non-numeric types of binaryDecoder.
func binaryDecoderMore(typname string) decoder {
	switch typname {
	case "text", "varchar", "name", "json":
		return decodeText
	case "bpchar":
		return decodeBPChar
	case "jsonb":
		return decodeJSONB
	case "bytea":
		return func(c *arrowconv.Column, raw []byte) error { return c.AppendBytes(raw) }
	case "uuid":
		return fixed(16, func(c *arrowconv.Column, raw []byte) error { return c.AppendUUID(arrowconv.UUID(raw)) })
	case "date":
		return fixed(4, decodeDate)
	case "timestamp", "timestamptz":
		return fixed(8, decodeTimestamp)
	case "interval":
		return fixed(16, decodeInterval)
	}
	return nil
}

// fixed guards a decoder of a fixed-size binary value against short input.
func fixed(size int, d decoder) decoder {
	return func(c *arrowconv.Column, raw []byte) error {
		if len(raw) != size {
			return fmt.Errorf("column %q: malformed binary value of %d bytes, want %d", c.Name(), len(raw), size)
		}
		return d(c, raw)
	}
}

// decodeText appends a value whose wire form is its UTF-8 text.
func decodeText(c *arrowconv.Column, raw []byte) error { return c.AppendText(raw) }

// decodeBPChar appends a char(n) value without its trailing pad spaces:
// PostgreSQL sends them, DuckDB and MySQL do not, and SQL compares char
// values as if the pad were not there, so the value without it is the one
// every dialect agrees on.
func decodeBPChar(c *arrowconv.Column, raw []byte) error { return c.AppendText(trimPad(raw)) }

// trimPad drops trailing spaces.
func trimPad(raw []byte) []byte {
	n := len(raw)
	for n > 0 && raw[n-1] == ' ' {
		n--
	}
	return raw[:n]
}

// decodeJSONB strips the version byte of binary jsonb.
func decodeJSONB(c *arrowconv.Column, raw []byte) error {
	if len(raw) == 0 || raw[0] != 1 {
		return fmt.Errorf("column %q: unknown binary jsonb version", c.Name())
	}
	return c.AppendText(raw[1:])
}

// decodeDate appends a binary date: days since 2000-01-01.
func decodeDate(c *arrowconv.Column, raw []byte) error {
	days := int32(binary.BigEndian.Uint32(raw))
	if days == math.MaxInt32 || days == math.MinInt32 {
		return fmt.Errorf("column %q: an infinite date cannot be represented: %w", c.Name(), arrowconv.ErrRange)
	}
	return c.AppendDate(days + pgEpochDays)
}

// decodeTimestamp appends a binary timestamp: microseconds since 2000-01-01.
func decodeTimestamp(c *arrowconv.Column, raw []byte) error {
	us := int64(binary.BigEndian.Uint64(raw))
	if us == math.MaxInt64 || us == math.MinInt64 {
		return fmt.Errorf("column %q: an infinite timestamp cannot be represented: %w", c.Name(), arrowconv.ErrRange)
	}
	if us > maxPGMicros {
		// The last 30 years of PostgreSQL's range (to 294276 AD) do not fit
		// in microseconds since 1970.
		return fmt.Errorf("column %q: timestamp %d µs after 2000-01-01 is past the range of Arrow timestamps: %w",
			c.Name(), us, arrowconv.ErrRange)
	}
	return c.AppendMicros(us + pgEpochMicros)
}

// decodeInterval appends a binary interval: microseconds, days, months.
func decodeInterval(c *arrowconv.Column, raw []byte) error {
	us := int64(binary.BigEndian.Uint64(raw[0:8]))
	days := int32(binary.BigEndian.Uint32(raw[8:12]))
	months := int32(binary.BigEndian.Uint32(raw[12:16]))
	return c.AppendIntervalMicros(months, days, us)
}

// numericDecoder decodes numeric in either format through pgtype.Numeric.
func numericDecoder(tm *pgtype.Map, rc resultColumn) decoder {
	var n pgtype.Numeric
	plan := tm.PlanScan(rc.oid, rc.format, &n)
	return func(c *arrowconv.Column, raw []byte) error {
		if err := plan.Scan(raw, &n); err != nil {
			return fmt.Errorf("column %q: %w", c.Name(), err)
		}
		return appendNumeric(c, n)
	}
}

// appendNumeric appends a numeric; NaN and ±Infinity only fit a float column.
func appendNumeric(c *arrowconv.Column, n pgtype.Numeric) error {
	switch {
	case n.NaN:
		return c.AppendFloat(math.NaN())
	case n.InfinityModifier == pgtype.Infinity:
		return c.AppendFloat(math.Inf(1))
	case n.InfinityModifier == pgtype.NegativeInfinity:
		return c.AppendFloat(math.Inf(-1))
	}
	return c.AppendDecimal(n.Int, -n.Exp)
}

// codecDecoder decodes any other type with its pgtype codec into a Go
// value and appends that. Unregistered types arrive as text.
func codecDecoder(tm *pgtype.Map, rc resultColumn) decoder {
	t, ok := tm.TypeForOID(rc.oid)
	if !ok {
		return decodeText
	}
	return func(c *arrowconv.Column, raw []byte) error {
		v, err := t.Codec.DecodeValue(tm, rc.oid, rc.format, raw)
		if err != nil {
			return fmt.Errorf("column %q: %w", c.Name(), err)
		}
		return appendPlain(c, v)
	}
}

// appendPlain appends a value decoded by a pgtype codec, turning pgtype's
// own value types into the forms arrowconv takes.
func appendPlain(c *arrowconv.Column, v any) error {
	switch v := v.(type) {
	case pgtype.Interval:
		if !v.Valid {
			c.AppendNull()
			return nil
		}
		return c.AppendIntervalMicros(v.Months, v.Days, v.Microseconds)
	case [16]byte:
		return c.AppendUUID(arrowconv.UUID(v))
	}
	return c.Append(v)
}
