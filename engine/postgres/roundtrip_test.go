package postgres

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// typeCase is one column of the round-trip test: SQL literals of one type
// (NULL for a null), the Arrow type read into and the expected cells in the
// form of cellText.
type typeCase struct {
	sqlType string
	vals    []string
	dt      arrow.DataType
	want    []string
}

// cellText formats a value so that a test can state it exactly: dates as
// days and timestamps as microseconds since 1970, floats in Go's shortest
// form, decimals at their scale, intervals as months/days/nanoseconds,
// binary as hex, NULL as NULL.
func cellText(arr arrow.Array, i int) string {
	if arr.IsNull(i) {
		return "NULL"
	}
	switch a := arr.(type) {
	case *array.Date32:
		return strconv.Itoa(int(a.Value(i)))
	case *array.Timestamp:
		return strconv.FormatInt(int64(a.Value(i)), 10)
	case *array.Float32:
		return strconv.FormatFloat(float64(a.Value(i)), 'g', -1, 32)
	case *array.Float64:
		return strconv.FormatFloat(a.Value(i), 'g', -1, 64)
	case *array.Decimal128:
		return a.Value(i).ToString(a.DataType().(*arrow.Decimal128Type).Scale)
	case *array.MonthDayNanoInterval:
		v := a.Value(i)
		return fmt.Sprintf("%dm%dd%dns", v.Months, v.Days, v.Nanoseconds)
	case *array.Binary:
		return hex.EncodeToString(a.Value(i))
	case *array.FixedSizeBinary:
		return hex.EncodeToString(a.Value(i))
	}
	return arr.ValueStr(i)
}

// valuesSQL selects the literals of tc in order as column v.
func valuesSQL(tc typeCase) string {
	rows := make([]string, len(tc.vals))
	for i, v := range tc.vals {
		rows[i] = fmt.Sprintf("(%d, (%s)::%s)", i, v, tc.sqlType)
	}
	return `SELECT v FROM (VALUES ` + strings.Join(rows, ", ") + `) AS t(ord, v) ORDER BY ord`
}

// queryCells runs sql into one column of type dt, two rows a batch so that
// every case spans batches, and returns the cells; every buffer must be
// released when the reader is.
func queryCells(t *testing.T, b *Backend, sql string, dt arrow.DataType) ([]string, error) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	schema := arrow.NewSchema([]arrow.Field{{Name: "v", Type: dt, Nullable: true}}, nil)
	r, err := b.Query(context.Background(), engine.Query{SQL: sql, Schema: schema, Alloc: mem, BatchSize: 2})
	if err != nil {
		return nil, err
	}
	defer r.Release()
	var cells []string
	for r.Next() {
		col := r.RecordBatch().Column(0)
		for i := 0; i < col.Len(); i++ {
			cells = append(cells, cellText(col, i))
		}
	}
	return cells, r.Err()
}

// day is the number of days from 1970-01-01 to an astronomical date.
func day(y int, m time.Month, d int) string {
	return strconv.FormatInt(floorDivTest(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix(), 86400), 10)
}

func floorDivTest(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// micro is the number of microseconds since 1970 of a time.
func micro(t time.Time) string { return strconv.FormatInt(t.UnixMicro(), 10) }

// zoned returns the wall clock time in the IANA zone name.
func zoned(t *testing.T, name string, y int, m time.Month, d, h, mi, s int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("time zone %s unavailable: %v", name, err)
	}
	return time.Date(y, m, d, h, mi, s, 0, loc)
}

// roundTripCases covers every type with extremes and a NULL of each.
func roundTripCases(t *testing.T) map[string]typeCase {
	nines := strings.Repeat("9", 38)
	ts := &arrow.TimestampType{Unit: arrow.Microsecond}
	tstz := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	utc := func(y int, m time.Month, d, h, mi, s, us int) string {
		return micro(time.Date(y, m, d, h, mi, s, us*1000, time.UTC))
	}
	return map[string]typeCase{
		"bool": {"bool", []string{"true", "false", "NULL"}, arrow.FixedWidthTypes.Boolean, []string{"true", "false", "NULL"}},
		"int2": {"int2", []string{"-32768", "32767", "0", "NULL"}, arrow.PrimitiveTypes.Int16, []string{"-32768", "32767", "0", "NULL"}},
		"int4": {"int4", []string{"-2147483648", "2147483647", "NULL"}, arrow.PrimitiveTypes.Int32, []string{"-2147483648", "2147483647", "NULL"}},
		"int8": {"int8", []string{"-9223372036854775808", "9223372036854775807", "NULL"}, arrow.PrimitiveTypes.Int64,
			[]string{"-9223372036854775808", "9223372036854775807", "NULL"}},
		"int4 as int64": {"int4", []string{"-2147483648", "NULL"}, arrow.PrimitiveTypes.Int64, []string{"-2147483648", "NULL"}},
		"float4": {"float4", []string{"'NaN'", "'Infinity'", "'-Infinity'", "3.4028235e38", "1.4e-45", "'-0'", "NULL"}, arrow.PrimitiveTypes.Float32,
			[]string{"NaN", "+Inf", "-Inf", "3.4028235e+38", "1e-45", "-0", "NULL"}},
		"float8": {"float8", []string{"'NaN'", "'Infinity'", "'-Infinity'", "1.7976931348623157e308", "5e-324", "0.1", "NULL"}, arrow.PrimitiveTypes.Float64,
			[]string{"NaN", "+Inf", "-Inf", "1.7976931348623157e+308", "5e-324", "0.1", "NULL"}},
		"numeric(38,0)": {"numeric(38,0)", []string{nines, "-" + nines, "0", "NULL"}, &arrow.Decimal128Type{Precision: 38, Scale: 0},
			[]string{nines, "-" + nines, "0", "NULL"}},
		"numeric(38,10)": {"numeric(38,10)", []string{nines[:28] + "." + nines[28:], "-0.0000000001", "NULL"}, &arrow.Decimal128Type{Precision: 38, Scale: 10},
			[]string{nines[:28] + "." + nines[28:], "-0.0000000001", "NULL"}},
		"numeric(12,2)": {"numeric(12,2)", []string{"9999999999.99", "-0.01", "0", "NULL"}, &arrow.Decimal128Type{Precision: 12, Scale: 2},
			[]string{"9999999999.99", "-0.01", "0.00", "NULL"}},
		// An undeclared numeric is read as decimal(38,9), rounded half away
		// from zero past nine fractional digits.
		"numeric": {"numeric", []string{"12345678901234567890123456789.123456789", "0.1234567895", "-0.0000000005", "1e-20", "NULL"},
			engine.UndeclaredDecimal, []string{"12345678901234567890123456789.123456789", "0.123456790", "-0.000000001", "0.000000000", "NULL"}},
		"numeric as float64": {"numeric", []string{"'NaN'", "'Infinity'", "'-Infinity'", "-1.5", "NULL"}, arrow.PrimitiveTypes.Float64,
			[]string{"NaN", "+Inf", "-Inf", "-1.5", "NULL"}},
		"numeric(5,2) as decimal(5,1)": {"numeric(5,2)", []string{"1.25", "-1.25", "0.04", "NULL"}, &arrow.Decimal128Type{Precision: 5, Scale: 1},
			[]string{"1.3", "-1.3", "0.0", "NULL"}},
		"text": {"text", []string{"'héllo wörld ✓'", "''", `E'a,b"c\nd'`, "NULL"}, arrow.BinaryTypes.String,
			[]string{"héllo wörld ✓", "", "a,b\"c\nd", "NULL"}},
		"varchar":        {"varchar(5)", []string{"'abc'", "NULL"}, arrow.BinaryTypes.String, []string{"abc", "NULL"}},
		"char":           {"char(3)", []string{"'ab'", "NULL"}, arrow.BinaryTypes.String, []string{"ab", "NULL"}}, // without the pad
		"text as binary": {"text", []string{"'ab'", "NULL"}, arrow.BinaryTypes.Binary, []string{"6162", "NULL"}},
		"date": {"date", []string{"'4713-11-24 BC'", "'0001-01-01'", "'1969-12-31'", "'1970-01-01'", "'2038-01-20'", "'5874897-12-31'", "NULL"},
			arrow.FixedWidthTypes.Date32, []string{day(-4712, 11, 24), day(1, 1, 1), "-1", "0", day(2038, 1, 20), day(5874897, 12, 31), "NULL"}},
		"timestamp": {"timestamp", []string{"'4713-11-24 00:00:00 BC'", "'1900-01-01 00:00:00'", "'1969-12-31 23:59:59.999999'",
			"'2038-01-19 03:14:08'", "'100000-01-01 12:00:00.5'", "NULL"}, ts,
			[]string{utc(-4712, 11, 24, 0, 0, 0, 0), utc(1900, 1, 1, 0, 0, 0, 0), "-1", utc(2038, 1, 19, 3, 14, 8, 0),
				utc(100000, 1, 1, 12, 0, 0, 500000), "NULL"}},
		"timestamptz": {"timestamptz", []string{"'2024-03-10 01:59:59 America/New_York'", "'2024-03-10 03:00:00 America/New_York'",
			"'2024-06-01 12:00:00+05:30'", "'2024-01-01 00:00:00 Asia/Kathmandu'", "'1969-07-20 20:17:40 UTC'",
			"'2100-01-01 00:00:00 Pacific/Chatham'", "'1900-01-01 00:00:00+00'", "NULL"}, tstz,
			[]string{micro(zoned(t, "America/New_York", 2024, 3, 10, 1, 59, 59)), micro(zoned(t, "America/New_York", 2024, 3, 10, 3, 0, 0)),
				micro(time.Date(2024, 6, 1, 12, 0, 0, 0, time.FixedZone("", 5*3600+1800))), micro(zoned(t, "Asia/Kathmandu", 2024, 1, 1, 0, 0, 0)),
				utc(1969, 7, 20, 20, 17, 40, 0), micro(zoned(t, "Pacific/Chatham", 2100, 1, 1, 0, 0, 0)), utc(1900, 1, 1, 0, 0, 0, 0), "NULL"}},
		"timestamptz as date": {"timestamptz", []string{"'1969-12-31 23:59:59.999999+00'", "NULL"}, arrow.FixedWidthTypes.Date32, []string{"-1", "NULL"}},
		"interval": {"interval", []string{"'178000000 years'", "'-178000000 years'", "'1 mon 2 days 03:04:05.678901'", "'-1 days +02:00'", "'0'", "NULL"},
			arrow.FixedWidthTypes.MonthDayNanoInterval,
			[]string{"2136000000m0d0ns", "-2136000000m0d0ns", "1m2d11045678901000ns", "0m-1d7200000000000ns", "0m0d0ns", "NULL"}},
		"uuid": {"uuid", []string{"'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'", "'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'", "NULL"},
			arrow.BinaryTypes.String, []string{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "NULL"}},
		"uuid as bytes": {"uuid", []string{"'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "NULL"}, &arrow.FixedSizeBinaryType{ByteWidth: 16},
			[]string{"a0eebc999c0b4ef8bb6d6bb9bd380a11", "NULL"}},
		"json":  {"json", []string{`'{"b":1, "a":[1,2]}'`, "'null'", "NULL"}, arrow.BinaryTypes.String, []string{`{"b":1, "a":[1,2]}`, "null", "NULL"}},
		"jsonb": {"jsonb", []string{`'{"b":1, "a":[1,2]}'`, "'null'", "NULL"}, arrow.BinaryTypes.String, []string{`{"a": [1, 2], "b": 1}`, "null", "NULL"}},
		"bytea": {"bytea", []string{`'\x00ff10'`, `'\x'`, "NULL"}, arrow.BinaryTypes.Binary, []string{"00ff10", "", "NULL"}},
	}
}

func TestQueryRoundTripEveryType(t *testing.T) {
	b := openTest(t)
	for name, tc := range roundTripCases(t) {
		t.Run(name, func(t *testing.T) {
			got, err := queryCells(t, b, valuesSQL(tc), tc.dt)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("\n got: %q\nwant: %q", got, tc.want)
			}
		})
	}
	checkPoolIdle(t, b)
}

// TestQueryRoundTripSessionTimeZone: queries run with TimeZone UTC whatever
// the connection's setting (here Pacific/Chatham), as on DuckDB, so a
// timestamptz written without an offset is read as UTC and results do not
// depend on the server's configuration.
func TestQueryRoundTripSessionTimeZone(t *testing.T) {
	b := openTestURL(t, testURL()+"&timezone=Pacific/Chatham")
	tc := typeCase{"timestamptz", []string{"'2024-06-01 12:00:00'", "NULL"}, &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"},
		[]string{micro(zoned(t, "UTC", 2024, 6, 1, 12, 0, 0)), "NULL"}}
	got, err := queryCells(t, b, valuesSQL(tc), tc.dt)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(tc.want, "|") {
		t.Errorf("got %q, want %q", got, tc.want)
	}
}

func TestQueryOutOfRange(t *testing.T) {
	b := openTest(t)
	cases := map[string]typeCase{
		"infinite date":           {"date", []string{"'1970-01-01'", "'1970-01-02'", "'infinity'"}, arrow.FixedWidthTypes.Date32, nil},
		"infinite timestamp":      {"timestamp", []string{"'-infinity'"}, &arrow.TimestampType{Unit: arrow.Microsecond}, nil},
		"timestamp past arrow":    {"timestamptz", []string{"'294276-12-31 23:59:59+00'"}, &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, nil},
		"interval past ns":        {"interval", []string{"'2562047788 hours'"}, arrow.FixedWidthTypes.MonthDayNanoInterval, nil},
		"numeric NaN as decimal":  {"numeric", []string{"'NaN'"}, engine.UndeclaredDecimal, nil},
		"numeric too wide":        {"numeric(6,2)", []string{"1.5", "2.5", "1234.56"}, &arrow.Decimal128Type{Precision: 5, Scale: 2}, nil},
		"numeric 39 digits":       {"numeric", []string{"1" + strings.Repeat("0", 38)}, &arrow.Decimal128Type{Precision: 38, Scale: 0}, nil},
		"int8 into int32 too big": {"int8", []string{"2147483648"}, arrow.PrimitiveTypes.Int32, nil},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := queryCells(t, b, valuesSQL(tc), tc.dt)
			if !errors.Is(err, arrowconv.ErrRange) {
				t.Fatalf("err = %v, want ErrRange", err)
			}
		})
	}
	checkPoolIdle(t, b)
}

// openTestURL is openTest for another URL of the test server.
func openTestURL(t *testing.T, url string) *Backend {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := Open(ctx, url)
	if err != nil {
		openTest(t) // skips or fails as openTest does when there is no server
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	return b
}
