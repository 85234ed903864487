package reports

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// jsonBufferSize is the size of the buffered writer under the JSON writer.
const jsonBufferSize = 64 << 10

// WriteJSON writes the results of rr to w as one JSON array of objects, one
// object a row with the fields in column order, batch by batch (memory
// does not grow with the rows). Integers and decimals are JSON numbers
// with their exact digits; floats are numbers in their shortest round-trip
// text (NaN and the infinities are null, as JSON has no text for them);
// booleans are true and false; NULL is null; text is a JSON string; dates,
// timestamps, intervals and binary values are strings holding the CSV's
// text. The array ends in a newline. WriteJSON reads rr to its end but does
// not release it.
func WriteJSON(w io.Writer, rr array.RecordReader) error {
	schema := rr.Schema()
	cols, err := newColumns(schema, styleRaw)
	if err != nil {
		return fmt.Errorf("reports: json: %w", err)
	}
	jw := &jsonWriter{out: bufio.NewWriterSize(w, jsonBufferSize), batch: newBoundBatch(cols)}
	for _, f := range schema.Fields() {
		jw.keys = append(jw.keys, string(appendJSONString(nil, f.Name))+":")
	}
	jw.nanCheck = floatColumns(schema)
	jw.out.WriteByte('[')
	for rr.Next() {
		if err := jw.writeBatch(rr.RecordBatch()); err != nil {
			return fmt.Errorf("reports: json: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: json: reading results: %w", err)
	}
	if jw.rows > 0 {
		jw.out.WriteByte('\n')
	}
	jw.out.WriteString("]\n")
	if err := jw.out.Flush(); err != nil {
		return fmt.Errorf("reports: json: %w", err)
	}
	return nil
}

// jsonWriter writes rows as JSON objects through one reused line buffer.
type jsonWriter struct {
	out      *bufio.Writer
	batch    *boundBatch
	keys     []string // each field name as a JSON string and a colon
	nanCheck []bool   // float columns, whose NaN and infinities are null
	line     []byte
	rows     int64
}

// floatColumns marks the float columns of schema.
func floatColumns(schema *arrow.Schema) []bool {
	marks := make([]bool, schema.NumFields())
	for i, f := range schema.Fields() {
		marks[i] = arrow.IsFloating(f.Type.ID())
	}
	return marks
}

// writeBatch writes the rows of rec.
func (jw *jsonWriter) writeBatch(rec arrow.RecordBatch) error {
	if err := jw.batch.bind(rec); err != nil {
		return err
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		jw.line = jw.appendRow(jw.line[:0], i)
		if _, err := jw.out.Write(jw.line); err != nil {
			return err
		}
		jw.rows++
	}
	return nil
}

// appendRow appends row i as an object, after a comma for every row but
// the first, on a line of its own.
func (jw *jsonWriter) appendRow(buf []byte, i int) []byte {
	if jw.rows > 0 {
		buf = append(buf, ',')
	}
	buf = append(buf, '\n', '{')
	for c := range jw.batch.cols {
		if c > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, jw.keys[c]...)
		buf = jw.appendValue(buf, c, i)
	}
	return append(buf, '}')
}

// appendValue appends the JSON value of column c at row i.
func (jw *jsonWriter) appendValue(buf []byte, c, i int) []byte {
	b := jw.batch
	if b.isNull(c, i) {
		return append(buf, "null"...)
	}
	switch b.cols[c].kind {
	case kindNumber:
		if jw.nanCheck[c] && !isFinite(b.arrs[c], i) {
			return append(buf, "null"...)
		}
		return b.appendCell(buf, c, i)
	case kindBool:
		return b.appendCell(buf, c, i)
	default:
		return appendCellJSON(buf, b, c, i)
	}
}

// appendCellJSON appends the text of column c at row i as a JSON string,
// escaping only when the text holds something to escape.
func appendCellJSON(buf []byte, b *boundBatch, c, i int) []byte {
	start := len(buf)
	buf = b.appendCell(append(buf, '"'), c, i)
	for _, ch := range buf[start+1:] {
		if ch < 0x20 || ch == '"' || ch == '\\' || ch >= utf8.RuneSelf {
			cell := string(buf[start+1:])
			return appendJSONString(buf[:start], cell)
		}
	}
	return append(buf, '"')
}

// isFinite reports whether the float at row i of arr is neither NaN nor an
// infinity.
func isFinite(arr arrow.Array, i int) bool {
	switch a := arr.(type) {
	case *array.Float64:
		v := a.Value(i)
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	case *array.Float32:
		v := float64(a.Value(i))
		return !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return true
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028
// and U+2029 escaped so that the output is also valid JavaScript.
func appendJSONString(buf []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				buf = append(buf, '\\', c)
			case c == '\n':
				buf = append(buf, '\\', 'n')
			case c == '\r':
				buf = append(buf, '\\', 'r')
			case c == '\t':
				buf = append(buf, '\\', 't')
			case c < 0x20:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				buf = append(buf, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			buf = append(buf, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			buf = append(buf, s[i:i+size]...)
		}
		i += size
	}
	return append(buf, '"')
}
