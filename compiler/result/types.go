package result

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/catalog"
)

// UndeclaredDecimal is the Arrow type of a decimal whose precision and
// scale the database does not declare (PostgreSQL's bare numeric): 38 digits
// with 9 after the point. Values with more fractional digits are rounded.
var UndeclaredDecimal = &arrow.Decimal128Type{Precision: 38, Scale: 9}

// ArrowType maps a logical type to the Arrow type that carries it in every
// result, whatever the database. Unknown and JSON travel as text.
func ArrowType(t catalog.Type) arrow.DataType {
	switch t.Kind {
	case catalog.Bool:
		return arrow.FixedWidthTypes.Boolean
	case catalog.Int16:
		return arrow.PrimitiveTypes.Int16
	case catalog.Int32:
		return arrow.PrimitiveTypes.Int32
	case catalog.Int64:
		return arrow.PrimitiveTypes.Int64
	case catalog.Float32:
		return arrow.PrimitiveTypes.Float32
	case catalog.Float64:
		return arrow.PrimitiveTypes.Float64
	case catalog.Decimal:
		if t.Precision <= 0 {
			return UndeclaredDecimal
		}
		return &arrow.Decimal128Type{Precision: int32(t.Precision), Scale: int32(t.Scale)}
	case catalog.Date:
		return arrow.FixedWidthTypes.Date32
	case catalog.Timestamp:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case catalog.TimestampTZ:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case catalog.Interval:
		return arrow.FixedWidthTypes.MonthDayNanoInterval
	case catalog.Bytes:
		return arrow.BinaryTypes.Binary
	default: // Text, UUID, JSON, Unknown
		return arrow.BinaryTypes.String
	}
}
