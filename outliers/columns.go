package outliers

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
)

// Errors about the columns Apply reads and writes.
var (
	// ErrUnknownColumn is wrapped when a metric or within column is not in
	// the result.
	ErrUnknownColumn = errors.New("unknown column")
	// ErrNotNumeric is wrapped when a metric column is not numeric.
	ErrNotNumeric = errors.New("column is not numeric")
	// ErrDuplicateColumn is wrapped when a column Apply would add already
	// exists or would be added twice.
	ErrDuplicateColumn = errors.New("duplicate column")
	// ErrSchemaMismatch is wrapped when the record batches given to Apply do
	// not share one schema.
	ErrSchemaMismatch = errors.New("record batches with different schemas")
)

// chunks holds one column as the arrays of consecutive record batches.
type chunks []arrow.Array

// columnOf returns the column called name across recs.
func columnOf(recs []arrow.RecordBatch, name string) (chunks, error) {
	idx := recs[0].Schema().FieldIndices(name)
	if len(idx) == 0 {
		return nil, fmt.Errorf("outliers: %w %q", ErrUnknownColumn, name)
	}
	out := make(chunks, len(recs))
	for b, rec := range recs {
		out[b] = rec.Column(idx[0])
	}
	return out, nil
}

// floats reads a numeric column as float64 values and their validity.
func (c chunks) floats() (values []float64, valid []bool, err error) {
	for _, arr := range c {
		get, err := floatGetter(arr)
		if err != nil {
			return nil, nil, err
		}
		allNull := arr.DataType().ID() == arrow.NULL // no validity bitmap
		for i := range arr.Len() {
			ok := arr.IsValid(i) && !allNull
			v := math.NaN()
			if ok {
				v = get(i)
			}
			values = append(values, v)
			valid = append(valid, ok)
		}
	}
	return values, valid, nil
}

// number is every Go type behind a numeric Arrow array.
type number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func getFrom[T number](values []T) func(int) float64 {
	return func(i int) float64 { return float64(values[i]) }
}

// floatGetter returns a function reading element i of arr as a float64.
func floatGetter(arr arrow.Array) (func(int) float64, error) {
	switch a := arr.(type) {
	case *array.Float64:
		return getFrom(a.Float64Values()), nil
	case *array.Float32:
		return getFrom(a.Float32Values()), nil
	case *array.Float16:
		return func(i int) float64 { return float64(a.Value(i).Float32()) }, nil
	case *array.Int64:
		return getFrom(a.Int64Values()), nil
	case *array.Int32:
		return getFrom(a.Int32Values()), nil
	case *array.Int16:
		return getFrom(a.Int16Values()), nil
	case *array.Int8:
		return getFrom(a.Int8Values()), nil
	case *array.Null:
		return func(int) float64 { return math.NaN() }, nil
	}
	return otherGetter(arr)
}

// otherGetter is floatGetter for unsigned integers and decimals.
func otherGetter(arr arrow.Array) (func(int) float64, error) {
	switch a := arr.(type) {
	case *array.Uint64:
		return getFrom(a.Uint64Values()), nil
	case *array.Uint32:
		return getFrom(a.Uint32Values()), nil
	case *array.Uint16:
		return getFrom(a.Uint16Values()), nil
	case *array.Uint8:
		return getFrom(a.Uint8Values()), nil
	case *array.Decimal128:
		scale := a.DataType().(*arrow.Decimal128Type).Scale
		return func(i int) float64 { return decimal128Float(a.Value(i), scale) }, nil
	case *array.Decimal256:
		scale := a.DataType().(*arrow.Decimal256Type).Scale
		return func(i int) float64 { return bigFloat(a.Value(i).ToBigFloat(scale)) }, nil
	case *array.Decimal64:
		scale := a.DataType().(*arrow.Decimal64Type).Scale
		return func(i int) float64 { return bigFloat(a.Value(i).ToBigFloat(scale)) }, nil
	case *array.Decimal32:
		scale := a.DataType().(*arrow.Decimal32Type).Scale
		return func(i int) float64 { return bigFloat(a.Value(i).ToBigFloat(scale)) }, nil
	}
	return nil, fmt.Errorf("outliers: %w: %s", ErrNotNumeric, arr.DataType())
}

// maxExact is 2^53: every integer of smaller magnitude is a float64.
const maxExact = 1 << 53

// decimal128Float converts v × 10^-scale to the nearest float64: exactly
// rounded by one division when the unscaled value and 10^scale are both
// exact floats, through big.Float otherwise.
func decimal128Float(v decimal128.Num, scale int32) float64 {
	hi, lo := v.HighBits(), v.LowBits()
	small := (hi == 0 && lo < maxExact) || (hi == -1 && lo > math.MaxUint64-maxExact)
	if small && scale >= 0 && scale <= 22 {
		return float64(int64(lo)) / math.Pow10(int(scale))
	}
	return bigFloat(v.ToBigFloat(scale))
}

func bigFloat(f *big.Float) float64 {
	v, _ := f.Float64()
	return v
}

// keys returns, for each row, a string that is equal for two rows exactly
// when their values are equal in every column of cols (NULL equals NULL).
// Values are compared by their text form (arrow.Array.ValueStr), which is
// exact for numbers, decimals, text, dates and timestamps.
func keys(cols []chunks) []string {
	var out []string
	var b strings.Builder
	for batch, arr := range cols[0] {
		for i := range arr.Len() {
			b.Reset()
			for _, c := range cols {
				writeKey(&b, c[batch], i)
			}
			out = append(out, b.String())
		}
	}
	return out
}

// writeKey appends an unambiguous encoding of one value: "N" for NULL,
// else "V", the length of its text form, ":" and the text.
func writeKey(b *strings.Builder, arr arrow.Array, i int) {
	if arr.IsNull(i) {
		b.WriteByte('N')
		return
	}
	s := arr.ValueStr(i)
	b.WriteByte('V')
	b.WriteString(strconv.Itoa(len(s)))
	b.WriteByte(':')
	b.WriteString(s)
}
