package reports

import (
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// ErrUnsupportedType reports a result column whose Arrow type the writers
// cannot format.
var ErrUnsupportedType = errors.New("unsupported column type")

// ErrSchemaMismatch reports a record batch whose columns do not match the
// schema of its reader.
var ErrSchemaMismatch = errors.New("record batch does not match the schema")

// style selects how values read: raw for data formats, display for people.
type style uint8

const (
	// styleRaw is the full-precision text of CSV and JSON.
	styleRaw style = iota
	// styleDisplay is the text of the terminal table: floats are rounded.
	styleDisplay
)

// valueKind tells a writer how the text of a column behaves.
type valueKind uint8

const (
	// kindNumber is numeric text: right-aligned in tables, bare in JSON.
	kindNumber valueKind = iota
	// kindBool is true or false.
	kindBool
	// kindText is user text that may hold any character and needs quoting.
	kindText
	// kindPlain is generated text (dates, timestamps, intervals, hex) that
	// never holds a comma, a quote or a line break.
	kindPlain
	// kindNull is a column of the Null type: every value is NULL.
	kindNull
)

// appendFunc appends the text of the non-NULL value at row i of one array.
type appendFunc func(buf []byte, i int) []byte

// binder makes the appendFunc of one array of a column.
type binder func(arr arrow.Array) (appendFunc, error)

// column is the formatter of one result column, chosen once per schema.
type column struct {
	kind valueKind
	bind binder
}

// newColumns chooses the formatter of every field of schema.
func newColumns(schema *arrow.Schema, st style) ([]column, error) {
	cols := make([]column, schema.NumFields())
	for i, f := range schema.Fields() {
		c, err := newColumn(f.Type, st)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		cols[i] = c
	}
	return cols, nil
}

// newColumn chooses the formatter of one Arrow type.
func newColumn(dt arrow.DataType, st style) (column, error) {
	switch dt.ID() {
	case arrow.NULL:
		return column{kindNull, bindNull}, nil
	case arrow.BOOL:
		return column{kindBool, bindBool}, nil
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64:
		return column{kindNumber, signedBinder(dt.ID())}, nil
	case arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return column{kindNumber, unsignedBinder(dt.ID())}, nil
	case arrow.FLOAT32, arrow.FLOAT64, arrow.DECIMAL128:
		return column{kindNumber, numberBinder(dt.ID(), st)}, nil
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return column{kindText, textBinder(dt.ID())}, nil
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.BINARY_VIEW:
		return column{kindPlain, bytesBinder(dt.ID())}, nil
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
		return column{kindPlain, timeBinder(dt.ID())}, nil
	case arrow.INTERVAL_MONTH_DAY_NANO, arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME:
		return column{kindPlain, intervalBinder(dt.ID())}, nil
	default:
		return column{}, fmt.Errorf("%w: %s", ErrUnsupportedType, dt)
	}
}

// bindAs makes a binder that asserts the concrete array type A and hands
// it to mk.
func bindAs[A arrow.Array](mk func(a A) appendFunc) binder {
	return func(arr arrow.Array) (appendFunc, error) {
		a, ok := arr.(A)
		if !ok {
			return nil, fmt.Errorf("%w: unexpected %s array", ErrSchemaMismatch, arr.DataType())
		}
		return mk(a), nil
	}
}

// valuer is an Arrow array whose values read as T.
type valuer[T any] interface {
	arrow.Array
	Value(i int) T
}

// bindNull formats a Null array; its appendFunc is never called for a value.
func bindNull(arrow.Array) (appendFunc, error) {
	return func(buf []byte, _ int) []byte { return buf }, nil
}

// bindBool formats a Boolean array as true or false.
var bindBool = bindAs(func(a *array.Boolean) appendFunc {
	return func(buf []byte, i int) []byte { return strconv.AppendBool(buf, a.Value(i)) }
})

// signedBinder formats the signed integer array of type id.
func signedBinder(id arrow.Type) binder {
	switch id {
	case arrow.INT8:
		return signed[int8, *array.Int8]()
	case arrow.INT16:
		return signed[int16, *array.Int16]()
	case arrow.INT32:
		return signed[int32, *array.Int32]()
	default:
		return signed[int64, *array.Int64]()
	}
}

// signed formats an array of signed integers in decimal.
func signed[T int8 | int16 | int32 | int64, A valuer[T]]() binder {
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte { return strconv.AppendInt(buf, int64(a.Value(i)), 10) }
	})
}

// unsignedBinder formats the unsigned integer array of type id.
func unsignedBinder(id arrow.Type) binder {
	switch id {
	case arrow.UINT8:
		return unsigned[uint8, *array.Uint8]()
	case arrow.UINT16:
		return unsigned[uint16, *array.Uint16]()
	case arrow.UINT32:
		return unsigned[uint32, *array.Uint32]()
	default:
		return unsigned[uint64, *array.Uint64]()
	}
}

// unsigned formats an array of unsigned integers in decimal.
func unsigned[T uint8 | uint16 | uint32 | uint64, A valuer[T]]() binder {
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte { return strconv.AppendUint(buf, uint64(a.Value(i)), 10) }
	})
}

// textBinder formats the string array of type id as is.
func textBinder(id arrow.Type) binder {
	switch id {
	case arrow.LARGE_STRING:
		return text[*array.LargeString]()
	case arrow.STRING_VIEW:
		return text[*array.StringView]()
	default:
		return text[*array.String]()
	}
}

// text formats an array of strings as is.
func text[A valuer[string]]() binder {
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte { return append(buf, a.Value(i)...) }
	})
}

// bytesBinder formats the binary array of type id as \x and lowercase hex.
func bytesBinder(id arrow.Type) binder {
	switch id {
	case arrow.LARGE_BINARY:
		return hexBytes[*array.LargeBinary]()
	case arrow.BINARY_VIEW:
		return hexBytes[*array.BinaryView]()
	default:
		return hexBytes[*array.Binary]()
	}
}

// hexBytes formats an array of byte strings as \x and lowercase hex, the
// way PostgreSQL prints bytea.
func hexBytes[A valuer[[]byte]]() binder {
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte {
			return hex.AppendEncode(append(buf, `\x`...), a.Value(i))
		}
	})
}

// boundBatch is one record batch with the formatter of each column bound to
// its array.
type boundBatch struct {
	cols  []column
	arrs  []arrow.Array
	fns   []appendFunc
	valid [][]byte // per column: the validity bitmap, nil when no value is NULL
	offs  []int    // per column: the array's offset into its bitmap
}

// newBoundBatch prepares to bind batches of the given columns.
func newBoundBatch(cols []column) *boundBatch {
	return &boundBatch{
		cols:  cols,
		arrs:  make([]arrow.Array, len(cols)),
		fns:   make([]appendFunc, len(cols)),
		valid: make([][]byte, len(cols)),
		offs:  make([]int, len(cols)),
	}
}

// bind binds the columns to the arrays of rec. The arrays stay owned by rec.
func (b *boundBatch) bind(rec arrow.RecordBatch) error {
	if int(rec.NumCols()) != len(b.cols) {
		return fmt.Errorf("%w: %d columns, want %d", ErrSchemaMismatch, rec.NumCols(), len(b.cols))
	}
	for c, col := range b.cols {
		fn, err := col.bind(rec.Column(c))
		if err != nil {
			return fmt.Errorf("column %q: %w", rec.ColumnName(c), err)
		}
		arr := rec.Column(c)
		b.arrs[c], b.fns[c] = arr, fn
		b.valid[c], b.offs[c] = nil, arr.Data().Offset()
		if arr.NullN() > 0 {
			b.valid[c] = arr.NullBitmapBytes()
		}
	}
	return nil
}

// isNull reports whether the value of column c at row i is NULL.
func (b *boundBatch) isNull(c, i int) bool {
	if v := b.valid[c]; v != nil {
		return !bitutil.BitIsSet(v, b.offs[c]+i)
	}
	return b.cols[c].kind == kindNull
}

// appendCell appends the text of the non-NULL value of column c at row i.
func (b *boundBatch) appendCell(buf []byte, c, i int) []byte {
	return b.fns[c](buf, i)
}
