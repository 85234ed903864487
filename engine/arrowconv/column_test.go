package arrowconv

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/catalog"
)

// appendOne appends v to a fresh column of type dt and returns the array's
// single value formatted by Arrow, or the error.
func appendOne(t *testing.T, dt arrow.DataType, v any) (string, error) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	b := array.NewBuilder(mem, dt)
	defer b.Release()
	if err := NewColumn("c", b).Append(v); err != nil {
		b.NewArray().Release()
		return "", err
	}
	arr := b.NewArray()
	defer arr.Release()
	if arr.Len() != 1 {
		t.Fatalf("appended %d values", arr.Len())
	}
	return arr.ValueStr(0), nil
}

func dec(p, s int32) arrow.DataType { return &arrow.Decimal128Type{Precision: p, Scale: s} }

func TestAppendConverts(t *testing.T) {
	ts := &arrow.TimestampType{Unit: arrow.Microsecond}
	tsz := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	at := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC)
	cases := []struct {
		name string
		dt   arrow.DataType
		v    any
		want string
	}{
		{"int to int32", arrow.PrimitiveTypes.Int32, int64(-7), "-7"},
		{"int8 to int64", arrow.PrimitiveTypes.Int64, int8(5), "5"},
		{"uint to int64", arrow.PrimitiveTypes.Int64, uint32(7), "7"},
		{"int to float", arrow.PrimitiveTypes.Float64, int64(3), "3"},
		{"int to decimal", dec(10, 2), int64(-12), "-12"},
		{"float32 to float64", arrow.PrimitiveTypes.Float64, float32(1.5), "1.5"},
		{"float to decimal", dec(10, 2), 1.25, "1.25"},
		{"decimal rescaled up", dec(10, 3), Decimal{big.NewInt(125), 2}, "1.25"},
		{"decimal rounded half up", dec(10, 1), Decimal{big.NewInt(125), 2}, "1.3"},
		{"decimal rounded half away", dec(10, 1), Decimal{big.NewInt(-125), 2}, "-1.3"},
		{"decimal rounded down", dec(10, 1), Decimal{big.NewInt(124), 2}, "1.2"},
		{"decimal negative scale", dec(10, 0), Decimal{big.NewInt(12), -2}, "1200"},
		{"big int to decimal", dec(38, 0), new(big.Int).Lsh(big.NewInt(1), 100), "1267650600228229401496703205376"},
		{"decimal to float", arrow.PrimitiveTypes.Float64, Decimal{big.NewInt(-25), 1}, "-2.5"},
		{"whole decimal to int", arrow.PrimitiveTypes.Int64, Decimal{big.NewInt(4200), 2}, "42"},
		{"big int to int64", arrow.PrimitiveTypes.Int64, big.NewInt(9), "9"},
		{"bool", arrow.FixedWidthTypes.Boolean, true, "true"},
		{"string", arrow.BinaryTypes.String, "héllo", "héllo"},
		{"bytes", arrow.BinaryTypes.Binary, []byte{1, 2}, "AQI="},
		{"uuid text", arrow.BinaryTypes.String, UUID{0x12, 0x34, 15: 0xff}, "12340000-0000-0000-0000-0000000000ff"},
		{"time to date", arrow.FixedWidthTypes.Date32, at, "2024-02-29"},
		{"time to timestamp", ts, at, "2024-02-29T13:14:15.123456"},
		{"local wall clock to timestamp", ts, time.Date(2024, 2, 29, 13, 14, 15, 0, time.FixedZone("x", 3600)), "2024-02-29T13:14:15"},
		{"local instant to timestamptz", tsz, time.Date(2024, 2, 29, 13, 14, 15, 0, time.FixedZone("x", 3600)), "2024-02-29T12:14:15Z"},
		{"interval", arrow.FixedWidthTypes.MonthDayNanoInterval, arrow.MonthDayNanoInterval{Months: 1, Days: 2, Nanoseconds: 3000}, `{"months":1,"days":2,"nanoseconds":3000}`},
		{"number as text", arrow.BinaryTypes.String, 2.5, "2.5"},
		{"time of day as text", arrow.BinaryTypes.String, time.Date(1, 1, 1, 1, 2, 3, 0, time.UTC), "01:02:03"},
		{"list as text", arrow.BinaryTypes.String, []any{1.0, "a"}, `[1,"a"]`},
		{"null", arrow.PrimitiveTypes.Int64, nil, "(null)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := appendOne(t, tc.dt, tc.v)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAppendRejects(t *testing.T) {
	cases := []struct {
		name string
		dt   arrow.DataType
		v    any
		want error
	}{
		{"int32 overflow", arrow.PrimitiveTypes.Int32, int64(math.MaxInt32 + 1), ErrRange},
		{"int16 underflow", arrow.PrimitiveTypes.Int16, int64(math.MinInt16 - 1), ErrRange},
		{"decimal too wide", dec(4, 2), Decimal{big.NewInt(100000), 2}, ErrRange},
		{"decimal rounding overflows", dec(3, 2), Decimal{big.NewInt(9999), 3}, ErrRange},
		{"int too wide for decimal", dec(3, 1), int64(100), ErrRange},
		{"fractional decimal to int", arrow.PrimitiveTypes.Int64, Decimal{big.NewInt(15), 1}, ErrRange},
		{"huge to int64", arrow.PrimitiveTypes.Int64, new(big.Int).Lsh(big.NewInt(1), 70), ErrRange},
		{"nan to decimal", dec(10, 2), math.NaN(), ErrRange},
		{"text to int", arrow.PrimitiveTypes.Int64, "12", ErrType},
		{"float to int", arrow.PrimitiveTypes.Int64, 1.0, ErrType},
		{"bytes to string", arrow.PrimitiveTypes.Int32, []byte("x"), ErrType},
		{"bool to int", arrow.PrimitiveTypes.Int64, true, ErrType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := appendOne(t, tc.dt, tc.v)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestAppendMicrosAndDate(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	ts := array.NewTimestampBuilder(mem, &arrow.TimestampType{Unit: arrow.Millisecond})
	defer ts.Release()
	c := NewColumn("t", ts)
	for _, err := range []error{c.AppendMicros(-1), c.AppendDate(1), c.AppendIntervalMicros(0, 0, 1)} {
		if err != nil && !errors.Is(err, ErrType) {
			t.Fatal(err)
		}
	}
	arr := ts.NewTimestampArray()
	defer arr.Release()
	if got := []arrow.Timestamp{arr.Value(0), arr.Value(1)}; got[0] != -1 || got[1] != 86400_000 {
		t.Errorf("timestamps = %v", got)
	}
	d := array.NewDate32Builder(mem)
	defer d.Release()
	if err := NewColumn("d", d).AppendMicros(-1); err != nil {
		t.Fatal(err)
	}
	darr := d.NewDate32Array()
	defer darr.Release()
	if darr.Value(0) != -1 {
		t.Errorf("day of -1µs = %d, want -1", darr.Value(0))
	}
}

func TestCheck(t *testing.T) {
	ok := []struct {
		k  catalog.Kind
		dt arrow.DataType
	}{
		{catalog.Int32, arrow.PrimitiveTypes.Int64},
		{catalog.Decimal, arrow.PrimitiveTypes.Int64},
		{catalog.Date, &arrow.TimestampType{Unit: arrow.Microsecond}},
		{catalog.UUID, &arrow.FixedSizeBinaryType{ByteWidth: 16}},
		{catalog.Unknown, arrow.BinaryTypes.String},
	}
	for _, tc := range ok {
		if err := Check(Source{"c", catalog.Of(tc.k)}, tc.dt); err != nil {
			t.Errorf("%s → %s: %v", tc.k, tc.dt, err)
		}
	}
	err := Check(Source{"amount", catalog.Type{Kind: catalog.Text, Native: "text"}}, arrow.PrimitiveTypes.Int64)
	if !errors.Is(err, ErrType) || err.Error() != `column "amount": the database returns text, which cannot be read as int64: type mismatch` {
		t.Errorf("err = %v", err)
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: "a", Type: arrow.PrimitiveTypes.Int64}}, nil)
	if err := CheckAll(nil, schema); !errors.Is(err, ErrType) {
		t.Errorf("column count mismatch: %v", err)
	}
}
