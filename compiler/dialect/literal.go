package dialect

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/assay-dev/assay/catalog"
)

// standardLiteral returns the literal writer shared by PostgreSQL and
// DuckDB: both use standard-conforming strings (a backslash is an ordinary
// character, a quote is doubled), DATE '…'/TIMESTAMP '…' literals, and
// name double precision as doubleName. It is the one function through which
// every value is inlined; keep it small and audited.
func standardLiteral(doubleName string) func(v any, t catalog.Type) (string, error) {
	return func(v any, t catalog.Type) (string, error) {
		switch v := v.(type) {
		case nil:
			return "NULL", nil
		case bool:
			return strings.ToUpper(strconv.FormatBool(v)), nil
		case int64:
			return signed(strconv.FormatInt(v, 10)), nil
		case float64:
			return floatLiteral(v, doubleName), nil
		case string:
			return quoteString(v)
		case time.Time:
			return timeLiteral(v, t), nil
		}
		return "", fmt.Errorf("cannot write a %T as a SQL literal", v)
	}
}

// signed wraps negative numbers in parentheses so that "x - -1" can never
// become the comment "x --1".
func signed(s string) string {
	if strings.HasPrefix(s, "-") {
		return "(" + s + ")"
	}
	return s
}

func floatLiteral(v float64, doubleName string) string {
	switch {
	case math.IsNaN(v):
		return "CAST('NaN' AS " + doubleName + ")"
	case math.IsInf(v, 1):
		return "CAST('Infinity' AS " + doubleName + ")"
	case math.IsInf(v, -1):
		return "CAST('-Infinity' AS " + doubleName + ")"
	}
	return "CAST(" + signed(strconv.FormatFloat(v, 'g', -1, 64)) + " AS " + doubleName + ")"
}

// quoteString writes s between single quotes with quotes doubled. NUL
// cannot be stored in SQL text and is refused.
func quoteString(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("text value contains a NUL byte, which SQL text cannot hold")
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

func timeLiteral(v time.Time, t catalog.Type) string {
	switch t.Kind {
	case catalog.Date:
		return "DATE '" + v.Format("2006-01-02") + "'"
	case catalog.TimestampTZ:
		return "TIMESTAMPTZ '" + v.Format("2006-01-02 15:04:05.999999Z07:00") + "'"
	default:
		return "TIMESTAMP '" + v.Format("2006-01-02 15:04:05.999999") + "'"
	}
}

// DescribeValue writes a bind value for a SQL comment, as `assay sql`
// lists the values of its placeholders: text, booleans and NULL as the
// dialect's literals, numbers plainly, a date (UTC midnight) as
// 2006-01-02 and other times in RFC 3339. A line break never ends the
// comment: it is written as \n or \r.
func (d *Dialect) DescribeValue(v any) string {
	var s string
	switch v := v.(type) {
	case time.Time:
		if v.Location() == time.UTC && v.Equal(v.Truncate(24*time.Hour)) {
			return v.Format("2006-01-02")
		}
		return v.Format(time.RFC3339Nano)
	case nil, bool, string:
		lit, err := d.Literal(v, catalog.Type{})
		if err != nil { // text that no literal can hold (a NUL byte)
			lit = strconv.Quote(fmt.Sprint(v))
		}
		s = lit
	case float64:
		s = strconv.FormatFloat(v, 'g', -1, 64)
	default:
		s = fmt.Sprint(v)
	}
	return strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(s)
}
