package mysql

import (
	"database/sql"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine/arrowconv"
)

// decoder reads the rows of one result into Arrow builders. Each column
// is scanned into a destination reused across rows: numbers and times
// into an `any` (the driver's binary-protocol int64, float64 or time.Time,
// no conversion by database/sql), text, binary and DECIMAL into
// sql.RawBytes (the driver's buffer, not copied). On the first row each
// column is bound to a sink for the concrete builder of its field, so a
// value costs a type assertion and the builder's Append.
type decoder struct {
	cols  []colDecoder
	dests []any
	bound bool
}

// colDecoder is one column: its source type, its destination and its sink.
type colDecoder struct {
	name  string
	kind  catalog.Kind // the logical type of the database's column
	null  bool         // a column of type NULL: every value is NULL
	raw   bool         // scanned into rawv, not anyv
	anyv  any
	rawv  sql.RawBytes
	toAny func(v any) error
	toRaw func(b []byte) error
}

// sourceKind maps the driver's DatabaseTypeName of a result column to a
// logical kind and says whether the column is scanned as raw bytes.
func sourceKind(dbType string) (kind catalog.Kind, raw bool) {
	switch dbType {
	case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT", "YEAR",
		"UNSIGNED TINYINT", "UNSIGNED SMALLINT", "UNSIGNED MEDIUMINT", "UNSIGNED INT":
		return catalog.Int64, false
	case "UNSIGNED BIGINT": // values past int64 come as text
		return catalog.Decimal, true
	case "DECIMAL":
		return catalog.Decimal, true
	case "FLOAT":
		return catalog.Float32, false
	case "DOUBLE":
		return catalog.Float64, false
	case "DATE":
		return catalog.Date, false
	case "DATETIME":
		return catalog.Timestamp, false
	case "TIMESTAMP":
		return catalog.TimestampTZ, false
	case "CHAR", "VARCHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET", "JSON":
		return catalog.Text, true
	case "BINARY", "VARBINARY", "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BIT", "GEOMETRY":
		return catalog.Bytes, true
	}
	return catalog.Unknown, true // TIME and anything newer: its text
}

// newDecoder checks the result's columns against schema.
func newDecoder(rows *sql.Rows, schema *arrow.Schema) (*decoder, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	if len(types) != schema.NumFields() {
		return nil, fmt.Errorf("the query returns %d columns but the result schema has %d: %w",
			len(types), schema.NumFields(), arrowconv.ErrType)
	}
	d := &decoder{cols: make([]colDecoder, len(types)), dests: make([]any, len(types))}
	for i, ct := range types {
		c := &d.cols[i]
		c.name = schema.Field(i).Name
		c.kind, c.raw = sourceKind(ct.DatabaseTypeName())
		c.null = ct.DatabaseTypeName() == "NULL"
		if err := check(c, schema.Field(i).Type); err != nil {
			return nil, err
		}
		if c.raw {
			d.dests[i] = &c.rawv
		} else {
			d.dests[i] = &c.anyv
		}
	}
	return d, nil
}

// check says whether a column converts to dt. MySQL has no boolean type
// (a comparison is an integer 0 or 1), and types the results of many
// text expressions as binary strings.
func check(c *colDecoder, dt arrow.DataType) error {
	switch {
	case c.null:
		return nil
	case dt.ID() == arrow.BOOL && c.kind == catalog.Int64:
		return nil
	case c.kind == catalog.Bytes && (dt.ID() == arrow.STRING || dt.ID() == arrow.LARGE_STRING):
		c.kind = catalog.Text
		return nil
	}
	return arrowconv.Check(arrowconv.Source{Name: c.name, Type: catalog.Of(c.kind)}, dt)
}

// row scans the current row and appends it.
func (d *decoder) row(rows *sql.Rows, cols []*arrowconv.Column) error {
	if !d.bound {
		for i := range d.cols {
			d.cols[i].bind(cols[i])
		}
		d.bound = true
	}
	if err := rows.Scan(d.dests...); err != nil {
		return err
	}
	for i := range d.cols {
		c := &d.cols[i]
		var err error
		switch {
		case c.raw && c.rawv == nil, !c.raw && c.anyv == nil:
			cols[i].AppendNull()
		case c.raw:
			err = c.toRaw(c.rawv)
		default:
			err = c.toAny(c.anyv)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// bind picks the sink of the column for its builder.
func (c *colDecoder) bind(col *arrowconv.Column) {
	if c.raw {
		c.toRaw = rawSink(c.kind, col)
		return
	}
	c.toAny = anySink(col)
}

// anySink appends the driver's int64, float32, float64 and time.Time.
func anySink(col *arrowconv.Column) func(any) error {
	switch b := col.Builder().(type) {
	case *array.Int64Builder:
		return func(v any) error {
			if n, ok := v.(int64); ok {
				b.Append(n)
				return nil
			}
			return col.Append(v)
		}
	case *array.Float64Builder:
		return func(v any) error {
			if f, ok := v.(float64); ok {
				b.Append(f)
				return nil
			}
			return col.Append(v)
		}
	case *array.BooleanBuilder:
		return func(v any) error {
			if n, ok := v.(int64); ok {
				b.Append(n != 0)
				return nil
			}
			return col.Append(v)
		}
	}
	return col.Append
}

// rawSink appends text, binary and DECIMAL values held in the driver's
// buffer.
func rawSink(kind catalog.Kind, col *arrowconv.Column) func([]byte) error {
	switch kind {
	case catalog.Decimal:
		return decimalSink(col)
	case catalog.Bytes:
		return col.AppendBytes
	}
	if b, ok := col.Builder().(*array.StringBuilder); ok {
		return func(v []byte) error {
			b.BinaryBuilder.Append(v)
			return nil
		}
	}
	return col.AppendText
}

// decimalSink appends a DECIMAL in MySQL's text form ("-1234.567"): up to
// 18 digits through int64 arithmetic, longer ones and those needing
// rounding through arrowconv's exact big.Int path.
func decimalSink(col *arrowconv.Column) func([]byte) error {
	slow := func(v []byte) error {
		n, scale, ok := bigDecimal(v)
		if !ok {
			return fmt.Errorf("column %q: the database returned %q, not a decimal: %w", col.Name(), v, arrowconv.ErrType)
		}
		return col.AppendDecimal(n, scale)
	}
	switch b := col.Builder().(type) {
	case *array.Decimal128Builder:
		dt := col.Type().(*arrow.Decimal128Type)
		return func(v []byte) error {
			n, scale, digits, ok := smallDecimal(v)
			if !ok || scale > dt.Scale || digits+int(dt.Scale-scale) > int(dt.Precision) {
				return slow(v)
			}
			d := decimal128.FromI64(n)
			if scale < dt.Scale {
				d = d.IncreaseScaleBy(dt.Scale - scale)
			}
			b.Append(d)
			return nil
		}
	case *array.Float64Builder:
		return func(v []byte) error {
			if len(v) == 0 {
				return slow(v)
			}
			f, err := strconv.ParseFloat(unsafe.String(&v[0], len(v)), 64)
			if err != nil {
				return slow(v)
			}
			b.Append(f)
			return nil
		}
	case *array.Int64Builder:
		return func(v []byte) error {
			n, scale, _, ok := smallDecimal(v)
			if !ok || scale != 0 {
				return slow(v)
			}
			b.Append(n)
			return nil
		}
	}
	return slow
}

// smallDecimal parses [-]digits[.digits] of at most 18 digits into its
// unscaled value, its scale and its number of significant digits.
func smallDecimal(v []byte) (n int64, scale int32, digits int, ok bool) {
	neg := false
	i := 0
	if len(v) > 0 && (v[0] == '-' || v[0] == '+') {
		neg = v[0] == '-'
		i = 1
	}
	seen, dot := 0, false
	for ; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			if seen == 18 {
				return 0, 0, 0, false
			}
			n = n*10 + int64(c-'0')
			seen++
			if n != 0 {
				digits++
			}
			if dot {
				scale++
			}
		case c == '.' && !dot:
			dot = true
		default:
			return 0, 0, 0, false
		}
	}
	if seen == 0 {
		return 0, 0, 0, false
	}
	if neg {
		n = -n
	}
	return n, scale, digits, true
}

// bigDecimal parses [-]digits[.digits] of any length.
func bigDecimal(v []byte) (*big.Int, int32, bool) {
	s := string(v)
	whole, frac, _ := strings.Cut(s, ".")
	n, ok := new(big.Int).SetString(whole+frac, 10)
	if !ok || strings.ContainsAny(frac, "+-") {
		return nil, 0, false
	}
	return n, int32(len(frac)), true
}
