package reports

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// DefaultNull is the text a display output (table, HTML) shows for NULL
// when the column's format gives none.
const DefaultNull = "–"

// Display formats the cells of a result for people: the one
// implementation of `format:` behind the table and the HTML report. It is
// made once per schema, bound to each record batch in turn, and appends the
// text of one cell at a time.
type Display struct {
	// Labels are the column headers: the format's label, else the name.
	Labels []string
	cols   []column
	nulls  []string
	batch  *boundBatch
}

// NewDisplay prepares the display formatting of the columns of schema.
// formats maps output column names to their format (missing names get the
// defaults of their type); nullText is the output's NULL text, used where
// a format sets no `null:`.
func NewDisplay(schema *arrow.Schema, formats map[string]result.Format, nullText string) (*Display, error) {
	d := &Display{
		Labels: make([]string, schema.NumFields()),
		cols:   make([]column, schema.NumFields()),
		nulls:  make([]string, schema.NumFields()),
	}
	for i, f := range schema.Fields() {
		fm := formats[f.Name]
		col, err := displayColumn(f.Type, fm)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		d.cols[i], d.Labels[i], d.nulls[i] = col, f.Name, nullText
		if fm.Label != "" {
			d.Labels[i] = fm.Label
		}
		if fm.Null != nil {
			d.nulls[i] = *fm.Null
		}
	}
	d.batch = newBoundBatch(d.cols)
	return d, nil
}

// Bind binds the formatters to the arrays of rec, which stays owned by the
// caller and must outlive the cells read from it.
func (d *Display) Bind(rec arrow.RecordBatch) error { return d.batch.bind(rec) }

// IsNull reports whether the value of column c at row i of the bound batch
// is NULL.
func (d *Display) IsNull(c, i int) bool { return d.batch.isNull(c, i) }

// AppendCell appends the display text of column c at row i of the bound
// batch: the formatted value, or the column's NULL text.
func (d *Display) AppendCell(buf []byte, c, i int) []byte {
	if d.batch.isNull(c, i) {
		return append(buf, d.nulls[c]...)
	}
	return d.batch.appendCell(buf, c, i)
}

// Numeric reports whether column c holds numbers (right-aligned).
func (d *Display) Numeric(c int) bool { return d.cols[c].kind == kindNumber }

// displayColumn chooses the display formatter of one Arrow type under fm.
func displayColumn(dt arrow.DataType, fm result.Format) (column, error) {
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		nf := numberFormatFor(dt, fm)
		raw, _ := newColumn(dt, styleRaw)
		return column{kindNumber, decimalTextBinder(raw.bind, nf)}, nil
	case arrow.DECIMAL128:
		nf := numberFormatFor(dt, fm)
		return column{kindNumber, decimalTextBinder(bindDecimal128, nf)}, nil
	case arrow.FLOAT32:
		return column{kindNumber, displayFloats[float32, *array.Float32](32, numberFormatFor(dt, fm))}, nil
	case arrow.FLOAT64:
		return column{kindNumber, displayFloats[float64, *array.Float64](64, numberFormatFor(dt, fm))}, nil
	case arrow.DATE32, arrow.DATE64, arrow.TIMESTAMP:
		if fm.Date != "" {
			return column{kindPlain, patternBinder(dt.ID(), parseDatePattern(fm.Date))}, nil
		}
	}
	return newColumn(dt, styleDisplay)
}

// numberFormatFor is the number format of a column of type dt under fm,
// with the defaults of the type where fm says nothing: integers with
// thousands separators and no decimals; floats (and decimals of more than
// four fractional digits) with up to four decimals, trailing zeros
// trimmed, and four significant digits for values that would round to
// zero; decimals of scale 0…4 with their scale; currency with two decimals
// (none for JPY, KRW, …); percent with one.
func numberFormatFor(dt arrow.DataType, fm result.Format) numberFormat {
	nf := numberFormat{group: true}
	switch {
	case isInteger(dt):
	case dt.ID() == arrow.DECIMAL128 && dt.(*arrow.Decimal128Type).Scale <= 4:
		nf.decimals = int(max(dt.(*arrow.Decimal128Type).Scale, 0))
	default:
		nf.decimals, nf.trim, nf.significant = 4, true, 4
	}
	switch fm.Style {
	case "currency":
		nf.prefix, nf.decimals, nf.trim, nf.significant = currencyPrefix(fm.Currency), 2, false, 0
		if zeroDecimalCurrencies[fm.Currency] {
			nf.decimals = 0
		}
	case "percent":
		nf.percent, nf.decimals, nf.trim, nf.significant = true, 1, false, 0
	}
	if fm.Decimals != nil {
		nf.decimals, nf.trim, nf.significant = *fm.Decimals, false, 0
	}
	return nf
}

// isInteger reports whether dt is a signed or unsigned integer type.
func isInteger(dt arrow.DataType) bool {
	return arrow.IsInteger(dt.ID())
}

// decimalTextBinder formats the exact decimal text that raw appends (the
// digits of an integer or a decimal) through nf.
func decimalTextBinder(raw binder, nf numberFormat) binder {
	return func(arr arrow.Array) (appendFunc, error) {
		fn, err := raw(arr)
		if err != nil {
			return nil, err
		}
		var scratch []byte
		return func(buf []byte, i int) []byte {
			scratch = fn(scratch[:0], i)
			return nf.appendDecimalText(buf, scratch)
		}, nil
	}
}

// displayFloats formats an array of floats through nf.
func displayFloats[T float32 | float64, A valuer[T]](bitSize int, nf numberFormat) binder {
	return bindAs(func(a A) appendFunc {
		return func(buf []byte, i int) []byte { return nf.appendFloat(buf, float64(a.Value(i)), bitSize) }
	})
}

// patternBinder formats the date or timestamp array of type id in pattern
// p; a timestamp shows its date (in UTC for an instant).
func patternBinder(id arrow.Type, p datePattern) binder {
	switch id {
	case arrow.DATE32:
		return bindAs(func(a *array.Date32) appendFunc {
			return func(buf []byte, i int) []byte { return p.appendDays(buf, int64(a.Value(i))) }
		})
	case arrow.DATE64:
		return bindAs(func(a *array.Date64) appendFunc {
			return func(buf []byte, i int) []byte { return p.appendDays(buf, floorDiv(int64(a.Value(i)), millisPerDay)) }
		})
	default:
		return bindAs(func(a *array.Timestamp) appendFunc {
			perDay := unitsPerSecond(a.DataType().(*arrow.TimestampType).Unit) * secondsPerDay
			return func(buf []byte, i int) []byte { return p.appendDays(buf, floorDiv(int64(a.Value(i)), perDay)) }
		})
	}
}

// FormatNumber returns v formatted as a value of a column of type dt under
// fm, the way a cell of that column reads; axes of charts use it for their
// ticks. decimals, when not negative, overrides the default decimals of
// the column (a format's own `decimals` still wins).
func FormatNumber(v float64, dt arrow.DataType, fm result.Format, decimals int) string {
	nf := numberFormatFor(dt, fm)
	if decimals >= 0 && fm.Decimals == nil {
		nf.decimals, nf.trim, nf.significant = decimals, false, 0
	}
	return string(nf.appendFloat(nil, v, 64))
}
