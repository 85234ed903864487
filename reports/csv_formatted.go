package reports

import (
	"bufio"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// WriteFormattedCSV writes the results of rr to w as CSV in the display
// formats (`--format csv --formatted`): a header row of the columns'
// labels, then every cell as the table and the HTML report show it
// (currency, percent, thousands separators, date patterns), through the
// one Display formatter. NULL is an empty field unless the column's format
// sets `null:` (an empty text is an empty field too: the display shows
// both alike). Any field holding a comma, a double quote, CR or LF is
// quoted, so "$1,234.50" stays one field. Lines end in "\n", as in WriteCSV.
// It reads rr to its end but does not release it.
func WriteFormattedCSV(w io.Writer, rr array.RecordReader, formats map[string]result.Format) error {
	d, err := NewDisplay(rr.Schema(), formats, "")
	if err != nil {
		return fmt.Errorf("reports: formatted csv: %w", err)
	}
	out := bufio.NewWriterSize(w, csvBufferSize)
	line := appendFormattedRow(nil, len(d.Labels), func(buf []byte, c int) []byte { return append(buf, d.Labels[c]...) })
	if _, err := out.Write(line); err != nil {
		return fmt.Errorf("reports: formatted csv: %w", err)
	}
	for rr.Next() {
		rec := rr.RecordBatch()
		if err := d.Bind(rec); err != nil {
			return fmt.Errorf("reports: formatted csv: %w", err)
		}
		for i := 0; i < int(rec.NumRows()); i++ {
			line = appendFormattedRow(line[:0], len(d.Labels), func(buf []byte, c int) []byte { return d.AppendCell(buf, c, i) })
			if _, err := out.Write(line); err != nil {
				return fmt.Errorf("reports: formatted csv: %w", err)
			}
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: formatted csv: reading results: %w", err)
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("reports: formatted csv: %w", err)
	}
	return nil
}

// appendFormattedRow appends one CSV line of n fields, each appended by
// cell and quoted when it needs to be.
func appendFormattedRow(line []byte, n int, cell func(buf []byte, c int) []byte) []byte {
	for c := 0; c < n; c++ {
		if c > 0 {
			line = append(line, ',')
		}
		start := len(line)
		if line = cell(line, c); len(line) > start { // an empty cell stays an empty field
			line = quoteCSV(line, start)
		}
	}
	return append(line, '\n')
}

// WritePivotCSV writes the results of rr to w as formatted CSV laid out
// by opts.Pivot (see BuildGrid): one header line per header level (with
// several values, the first line repeats each pivot value over its
// measures' columns and is empty over the row dimensions; the second
// holds the labels), then one line per pivoted row. Cells are the display
// text as in WriteFormattedCSV; a missing combination is an empty field,
// as NULL is unless its format sets `null:`; a rolled-up dimension reads
// Total. The whole result is read and laid out before the first byte is
// written, so a pivot with too many columns writes nothing.
func WritePivotCSV(w io.Writer, rr array.RecordReader, opts PivotOptions) error {
	g, err := BuildGrid(rr, opts)
	if err != nil {
		return fmt.Errorf("reports: formatted csv: %w", err)
	}
	out := bufio.NewWriterSize(w, csvBufferSize)
	var line []byte
	for _, level := range g.Header {
		texts := make([]string, 0, len(g.Columns))
		for _, h := range level {
			for n := 0; n < h.Span; n++ {
				texts = append(texts, h.Text)
			}
		}
		line = appendFormattedRow(line[:0], len(texts), func(buf []byte, c int) []byte { return append(buf, texts[c]...) })
		out.Write(line)
	}
	for _, row := range g.Rows {
		line = appendFormattedRow(line[:0], len(row.Cells), func(buf []byte, c int) []byte { return append(buf, row.Cells[c].Text...) })
		if _, err := out.Write(line); err != nil {
			return fmt.Errorf("reports: formatted csv: %w", err)
		}
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("reports: formatted csv: %w", err)
	}
	return nil
}
