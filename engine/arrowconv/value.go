package arrowconv

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Append appends a value of one of the plain forms backends produce: nil,
// bool, any signed or unsigned integer, float32, float64, string, []byte,
// time.Time, *big.Int, Decimal, UUID or arrow.MonthDayNanoInterval. A string
// builder also takes any other value as text (see textOf), which is how
// columns of types assay does not know travel.
func (c *Column) Append(v any) error {
	if v == nil {
		c.AppendNull()
		return nil
	}
	if c.isText() {
		if s, ok := textOf(v); ok {
			return c.AppendString(s)
		}
	}
	return c.appendValue(v)
}

// appendValue dispatches on the Go type of v.
func (c *Column) appendValue(v any) error {
	switch v := v.(type) {
	case bool:
		return c.AppendBool(v)
	case int64:
		return c.AppendInt(v)
	case int32:
		return c.AppendInt(int64(v))
	case int16:
		return c.AppendInt(int64(v))
	case int8:
		return c.AppendInt(int64(v))
	case int:
		return c.AppendInt(int64(v))
	case uint8, uint16, uint32, uint64, uint:
		return c.appendUint(v)
	case float64:
		return c.AppendFloat(v)
	case float32:
		return c.AppendFloat(float64(v))
	case string:
		return c.AppendString(v)
	case []byte:
		return c.AppendBytes(v)
	default:
		return c.appendRich(v)
	}
}

// appendRich handles the non-scalar forms.
func (c *Column) appendRich(v any) error {
	switch v := v.(type) {
	case time.Time:
		return c.AppendTime(v)
	case *big.Int:
		return c.AppendDecimal(v, 0)
	case Decimal:
		return c.AppendDecimal(v.Value, v.Scale)
	case UUID:
		return c.AppendUUID(v)
	case arrow.MonthDayNanoInterval:
		return c.AppendInterval(v)
	default:
		return c.mismatch(fmt.Sprintf("%T", v))
	}
}

// appendUint appends an unsigned integer, going through a decimal when it
// exceeds the int64 range.
func (c *Column) appendUint(v any) error {
	var u uint64
	switch v := v.(type) {
	case uint8:
		u = uint64(v)
	case uint16:
		u = uint64(v)
	case uint32:
		u = uint64(v)
	case uint:
		u = uint64(v)
	case uint64:
		u = v
	}
	if u > math.MaxInt64 {
		return c.AppendDecimal(new(big.Int).SetUint64(u), 0)
	}
	return c.AppendInt(int64(u))
}

// isText reports whether the column's builder holds strings.
func (c *Column) isText() bool {
	switch c.b.(type) {
	case *array.StringBuilder, *array.LargeStringBuilder:
		return true
	}
	return false
}

// textOf formats a value that is not already text for a string column: bool
// and numbers in Go's shortest form, a time of day (year 1) as 15:04:05.999999,
// other times in RFC 3339, a Decimal exactly, a UUID in canonical form, lists
// and maps as JSON and anything else through fmt. It returns false for a
// string or []byte, which need no formatting.
func textOf(v any) (string, bool) {
	switch v := v.(type) {
	case string, []byte:
		return "", false
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case float32:
		return strconv.FormatFloat(float64(v), 'g', -1, 32), true
	case time.Time:
		return timeText(v), true
	case Decimal:
		return decimalText(v), true
	case []any, map[string]any:
		out, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v), true
		}
		return string(out), true
	default:
		return fmt.Sprint(v), true
	}
}

// timeText formats a time of day or a timestamp.
func timeText(t time.Time) string {
	if t.Year() == 1 && t.YearDay() == 1 {
		return t.Format("15:04:05.999999")
	}
	return t.Format(time.RFC3339Nano)
}

// decimalText formats a Decimal exactly.
func decimalText(d Decimal) string {
	if d.Value == nil {
		return ""
	}
	return decimalRat(d.Value, d.Scale).FloatString(int(max(d.Scale, 0)))
}
