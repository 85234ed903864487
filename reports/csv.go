package reports

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// csvBufferSize is the size of the buffered writer under the CSV writer.
const csvBufferSize = 64 << 10

// WriteCSV writes the results of rr to w as RFC 4180 CSV, batch by batch: a
// header row of the field names, then one row per result row, each line
// ended by "\n" (not CRLF). Fields holding a comma, a double quote, CR or LF
// are enclosed in double quotes with inner quotes doubled. Values are raw
// (see the package documentation); NULL is an empty field and an empty
// string is "" so the two stay apart, as in PostgreSQL's CSV. WriteCSV
// reads rr to its end but does not release it.
func WriteCSV(w io.Writer, rr array.RecordReader) error {
	schema := rr.Schema()
	cols, err := newColumns(schema, styleRaw)
	if err != nil {
		return fmt.Errorf("reports: csv: %w", err)
	}
	cw := &csvWriter{out: bufio.NewWriterSize(w, csvBufferSize), batch: newBoundBatch(cols)}
	if err := cw.writeHeader(schema); err != nil {
		return fmt.Errorf("reports: csv: %w", err)
	}
	for rr.Next() {
		if err := cw.writeBatch(rr.RecordBatch()); err != nil {
			return fmt.Errorf("reports: csv: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: csv: reading results: %w", err)
	}
	if err := cw.out.Flush(); err != nil {
		return fmt.Errorf("reports: csv: %w", err)
	}
	return nil
}

// csvWriter writes CSV rows through one reused line buffer.
type csvWriter struct {
	out   *bufio.Writer
	batch *boundBatch
	line  []byte
}

// writeHeader writes the row of field names.
func (cw *csvWriter) writeHeader(schema *arrow.Schema) error {
	cw.line = cw.line[:0]
	for i, f := range schema.Fields() {
		if i > 0 {
			cw.line = append(cw.line, ',')
		}
		start := len(cw.line)
		cw.line = quoteCSV(append(cw.line, f.Name...), start)
	}
	cw.line = append(cw.line, '\n')
	_, err := cw.out.Write(cw.line)
	return err
}

// writeBatch writes one row per row of rec.
func (cw *csvWriter) writeBatch(rec arrow.RecordBatch) error {
	if err := cw.batch.bind(rec); err != nil {
		return err
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		cw.line = cw.appendRow(cw.line[:0], i)
		if _, err := cw.out.Write(cw.line); err != nil {
			return err
		}
	}
	return nil
}

// appendRow appends row i of the bound batch and a line feed.
func (cw *csvWriter) appendRow(line []byte, i int) []byte {
	b := cw.batch
	for c := range b.cols {
		if c > 0 {
			line = append(line, ',')
		}
		if b.isNull(c, i) {
			continue
		}
		start := len(line)
		line = b.appendCell(line, c, i)
		if b.cols[c].kind == kindText {
			line = quoteCSV(line, start)
		}
	}
	return append(line, '\n')
}

// csvSpecial marks the bytes that force a CSV field into quotes: comma,
// double quote, CR and LF.
var csvSpecial = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// needsQuotes reports whether field holds a byte of csvSpecial.
func needsQuotes(field []byte) bool {
	for _, c := range field {
		if csvSpecial[c] {
			return true
		}
	}
	return false
}

// quoteCSV quotes the field buf[start:] in place when it needs quotes, and
// turns an empty field into "" so that it differs from NULL.
func quoteCSV(buf []byte, start int) []byte {
	field := buf[start:]
	if len(field) == 0 {
		return append(buf, `""`...)
	}
	if !needsQuotes(field) {
		return buf
	}
	n := len(field)
	grow := 2 + bytes.Count(field, []byte{'"'})
	buf = append(buf, make([]byte, grow)...)
	// Move the field right, from its end, doubling quotes on the way; the
	// write position never overtakes the read position.
	w := len(buf) - 1
	buf[w] = '"'
	for r := start + n - 1; r >= start; r-- {
		w--
		buf[w] = buf[r]
		if buf[r] == '"' {
			w--
			buf[w] = '"'
		}
	}
	buf[start] = '"'
	return buf
}
