package dialect

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/assay-dev/assay/catalog"
)

// MySQL is MariaDB 10.11 and MySQL 8: backquoted identifiers, positional
// ? placeholders, no FILTER, no NULLS FIRST/LAST, CONCAT for ||, dates
// truncated and shifted with MySQL's date functions.
var MySQL = &Dialect{
	Name:        "mysql",
	Quote:       "`",
	Placeholder: func(int) string { return "?" },
	Positional:  true,
	Types: map[catalog.Kind]string{
		catalog.Bool: "SIGNED", catalog.Int16: "SIGNED", catalog.Int32: "SIGNED", catalog.Int64: "SIGNED",
		catalog.Float32: "DOUBLE", catalog.Float64: "DOUBLE", catalog.Decimal: "DECIMAL",
		catalog.Text: "CHAR", catalog.Date: "DATE", catalog.Timestamp: "DATETIME(6)",
		catalog.TimestampTZ: "DATETIME(6)", catalog.JSON: "CHAR", catalog.Bytes: "BINARY",
	},
	Funcs: merge(commonFuncs, map[string]string{
		"stddev":   "STDDEV_SAMP({0})",
		"variance": "VAR_SAMP({0})",
		"day":      "CAST(DATE({0}) AS DATETIME(6))",
		// ISO weeks start on Monday: WEEKDAY is 0 on Monday.
		"week":    "CAST(DATE({0}) - INTERVAL WEEKDAY({0}) DAY AS DATETIME(6))",
		"month":   "CAST(DATE({0}) - INTERVAL (DAYOFMONTH({0}) - 1) DAY AS DATETIME(6))",
		"quarter": "CAST(MAKEDATE(YEAR({0}), 1) + INTERVAL (QUARTER({0}) - 1) QUARTER AS DATETIME(6))",
		"year":    "CAST(MAKEDATE(YEAR({0}), 1) AS DATETIME(6))",
		"ceil":    "CEILING({0})",
		// concat() skips NULLs, as PostgreSQL's does; MySQL's CONCAT
		// would be NULL (|| stays CONCAT: NULL in, NULL out).
		"concat": "CONCAT_WS('', {args})",
		// Half away from zero, as PostgreSQL rounds numeric: MySQL rounds
		// a DOUBLE half to even, a DECIMAL away from zero. A double casts
		// to its shortest decimal form, as PostgreSQL's float8 → numeric.
		"round/1":         "ROUND(CAST({0} AS DECIMAL(65, 30)))",
		"round/2":         "ROUND(CAST({0} AS DECIMAL(65, 30)), {1})",
		"length":          "CHAR_LENGTH({0})",
		"date_diff:day":   "DATEDIFF({1}, {0})",
		"date_diff:month": "((YEAR({1}) - YEAR({0})) * 12 + MONTH({1}) - MONTH({0}))",
		"date_diff:year":  "(YEAR({1}) - YEAR({0}))",
		"now":             "NOW(6)",
		// Instants are DATETIME values in UTC; a named zone needs the
		// server's time zone tables (mariadb-tzinfo-to-sql), or CONVERT_TZ
		// gives NULL.
		"local_time": "CONVERT_TZ({0}, '+00:00', {1})",
		"zoned_time": "CONVERT_TZ({0}, {1}, '+00:00')",
		// date_part's units as PostgreSQL counts them; the rest by EXTRACT.
		"date_part:dow":    "(DAYOFWEEK({0}) - 1)",
		"date_part:isodow": "(WEEKDAY({0}) + 1)",
		"date_part:doy":    "DAYOFYEAR({0})",
		"date_part:week":   "WEEK({0}, 3)",
		"median":           "QuantileRows",
		"percentile":       "QuantileRows",
	}),
	// MySQL has no ordered-set aggregates, and MariaDB's PERCENTILE_CONT
	// window function rounds to 10 decimals where the other databases
	// give a double: median and percentile are computed from row numbers
	// (quantile.go), these entries only name them.
	QuantileRows: true,
	Lacks: map[string]string{
		"INTERVAL": "an interval literal is supported on mysql only added to or subtracted from a date or timestamp",
	},
	NoNullsOrder: true,
	// MariaDB 10.11 shares one sort between windows whose partitions
	// differ when a third window's sort is a prefix of both, and computes
	// one of them in the other's order (window_sorts.go).
	SeparateWindowSorts: true,
	NullSafeEqual:       "<=>",
	ILikeLower:          true,
	IntervalArith:       true,
	// MariaDB has only WITH ROLLUP, whose subtotals are not the
	// contract's (one level per prefix only, NULL keys mixed up with the
	// totals' NULLs): every grouping set is its own SELECT.
	UnionGroupingSets: true,
	FullJoinUnion:     true,
	ConcatFunc:        true,
	ShiftPattern:      "DATE_SUB({x}, INTERVAL {n} {unit})",
	CastLiterals:      true,
	// NUL never occurs in text, so no character of a pattern escapes:
	// a backslash is ordinary in both sql_modes.
	LikeEscape: " ESCAPE X'00'",
	TextOrder:  " COLLATE utf8mb4_bin",
	Literal:    mysqlLiteral,
}

// mysqlLiteral writes a value as a MySQL literal that reads the same
// whether or not sql_mode has NO_BACKSLASH_ESCAPES: text that holds a
// quote, a backslash or any byte outside printable ASCII is written as a
// hexadecimal utf8mb4 literal, which no mode reinterprets.
func mysqlLiteral(v any, t catalog.Type) (string, error) {
	switch v := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		return strings.ToUpper(strconv.FormatBool(v)), nil
	case int64:
		return signed(strconv.FormatInt(v, 10)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "", fmt.Errorf("MySQL has no literal for the double %v", v)
		}
		return "CAST(" + signed(strconv.FormatFloat(v, 'g', -1, 64)) + " AS DOUBLE)", nil
	case string:
		return mysqlString(v)
	case time.Time:
		switch t.Kind {
		case catalog.Date:
			return "DATE '" + v.Format("2006-01-02") + "'", nil
		case catalog.TimestampTZ:
			return "TIMESTAMP '" + v.UTC().Format("2006-01-02 15:04:05.999999") + "'", nil
		}
		return "TIMESTAMP '" + v.Format("2006-01-02 15:04:05.999999") + "'", nil
	}
	return "", fmt.Errorf("cannot write a %T as a SQL literal", v)
}

// mysqlString quotes plain printable ASCII and writes anything else in hex.
func mysqlString(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", fmt.Errorf("text value contains a NUL byte, which SQL text cannot hold")
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '\'' || c == '\\' || c == '"' {
			return "_utf8mb4 X'" + strings.ToUpper(hex.EncodeToString([]byte(s))) + "'", nil
		}
	}
	return "'" + s + "'", nil
}
