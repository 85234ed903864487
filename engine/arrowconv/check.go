package arrowconv

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
)

// Source describes one column of a database result: its name and the
// logical type of its values, as the backend maps the database's type.
type Source struct {
	Name string
	Type catalog.Type
}

// Check reports whether values of the logical type src can be read into
// the Arrow type dst, and returns an error wrapping ErrType that names the
// column when they cannot. The accepted pairs are:
//
//	bool                 → bool
//	int16, int32, int64  → int8…int64 (range-checked), float32, float64, decimal128
//	float32, float64     → float32, float64, decimal128 (range-checked)
//	decimal              → decimal128 (rescaled), float32, float64, int8…int64 (whole values)
//	text, json           → string, large string, binary, large binary
//	unknown              → string, large string, binary, large binary
//	date                 → date32, timestamp (midnight)
//	timestamp(tz)        → timestamp (any unit), date32 (the day)
//	interval             → month-day-nano interval
//	uuid                 → string (canonical text), binary, fixed-size binary(16)
//	bytes                → binary, large binary, fixed-size binary
func Check(src Source, dst arrow.DataType) error {
	if accepts(src.Type.Kind, dst) {
		return nil
	}
	return fmt.Errorf("column %q: the database returns %s, which cannot be read as %s: %w",
		src.Name, src.Type, dst, ErrType)
}

// CheckAll checks that there is one source column per field of schema and
// that each converts to its field's type.
func CheckAll(srcs []Source, schema *arrow.Schema) error {
	if len(srcs) != schema.NumFields() {
		return fmt.Errorf("the query returns %d columns but the result schema has %d: %w",
			len(srcs), schema.NumFields(), ErrType)
	}
	for i, src := range srcs {
		if err := Check(src, schema.Field(i).Type); err != nil {
			return err
		}
	}
	return nil
}

// accepts reports whether kind k converts to dst.
func accepts(k catalog.Kind, dst arrow.DataType) bool {
	id := dst.ID()
	switch k {
	case catalog.Bool:
		return id == arrow.BOOL
	case catalog.Int16, catalog.Int32, catalog.Int64:
		return isInteger(id) || isFloat(id) || id == arrow.DECIMAL128
	case catalog.Float32, catalog.Float64:
		return isFloat(id) || id == arrow.DECIMAL128
	case catalog.Decimal:
		return id == arrow.DECIMAL128 || isFloat(id) || isInteger(id)
	case catalog.Text, catalog.JSON, catalog.Unknown:
		return isString(id) || isBinary(id)
	case catalog.Date, catalog.Timestamp, catalog.TimestampTZ:
		return id == arrow.DATE32 || id == arrow.TIMESTAMP
	case catalog.Interval:
		return id == arrow.INTERVAL_MONTH_DAY_NANO
	case catalog.UUID:
		return isString(id) || isBinary(id) || isUUIDBytes(dst)
	case catalog.Bytes:
		return isBinary(id) || id == arrow.FIXED_SIZE_BINARY
	}
	return false
}

func isInteger(id arrow.Type) bool {
	return id == arrow.INT8 || id == arrow.INT16 || id == arrow.INT32 || id == arrow.INT64
}

func isFloat(id arrow.Type) bool { return id == arrow.FLOAT32 || id == arrow.FLOAT64 }

func isString(id arrow.Type) bool { return id == arrow.STRING || id == arrow.LARGE_STRING }

func isBinary(id arrow.Type) bool { return id == arrow.BINARY || id == arrow.LARGE_BINARY }

// isUUIDBytes reports whether dst is fixed-size binary of 16 bytes.
func isUUIDBytes(dst arrow.DataType) bool {
	fb, ok := dst.(*arrow.FixedSizeBinaryType)
	return ok && fb.ByteWidth == 16
}
