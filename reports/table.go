package reports

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// TableOptions configures WriteTable.
type TableOptions struct {
	// MaxRows caps the rows shown; 0 (or less) shows them all. Rows past
	// the cap are still counted and the footer says how many were not shown.
	MaxRows int
	// Null is the text shown for NULL where a column's format sets no
	// `null:`; empty means DefaultNull (–).
	Null string
	// Formats are the columns' display formats (format: of the spec), by
	// output column name; a column without one gets its type's defaults.
	Formats map[string]result.Format
	// Pivot, when set, lays the result out as the report's pivot: says
	// (see BuildGrid); MaxRows then caps the pivoted rows.
	Pivot *result.Pivot
	// PlainFlags shows the boolean columns named <metric>_outlier as
	// true/false. By default they show OUTLIER where true and nothing where
	// false, so that the flagged rows stand out.
	PlainFlags bool
}

// WriteTable writes the results of rr to w as an aligned text table in the
// style of psql: a header of the column labels (a format's label, else the
// field name), a separator line, one line per row with numbers
// right-aligned and everything else left-aligned, and a footer such as
// "(3 rows)". Cells are formatted by Display with opts.Formats (integers
// with thousands separators, floats to at most 4 decimals, currency,
// percent and date patterns as the formats say) and NULL reads –; control
// characters in text show as \n, \t, \r or \xNN so that a row stays on
// one line; lines carry no trailing spaces. Widths are counted in runes. The rows shown are buffered, since results are
// aggregated; WriteTable reads rr to its end but does not release it.
func WriteTable(w io.Writer, rr array.RecordReader, opts TableOptions) error {
	schema := rr.Schema()
	null := opts.Null
	if null == "" {
		null = DefaultNull
	}
	if opts.Pivot != nil {
		g, err := BuildGrid(rr, PivotOptions{Pivot: opts.Pivot, Formats: opts.Formats, Null: null})
		if err != nil {
			return fmt.Errorf("reports: table: %w", err)
		}
		if err := writeGridTable(w, g, opts.MaxRows); err != nil {
			return fmt.Errorf("reports: table: %w", err)
		}
		return nil
	}
	d, err := NewDisplay(schema, opts.Formats, null)
	if err != nil {
		return fmt.Errorf("reports: table: %w", err)
	}
	t := newTextTable(schema, d, opts)
	for rr.Next() {
		if err := t.addBatch(rr.RecordBatch()); err != nil {
			return fmt.Errorf("reports: table: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: table: reading results: %w", err)
	}
	bw := bufio.NewWriter(w)
	t.render(bw)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("reports: table: %w", err)
	}
	return nil
}

// textTable holds the formatted cells of the rows shown, in one arena.
type textTable struct {
	opts   TableOptions
	nulls  []string // per column: the text of NULL
	batch  *boundBatch
	right  []bool // right-align the column
	flag   []bool // an outlier flag column shown as OUTLIER or nothing
	widths []int  // widest cell of each column, in runes
	arena  []byte // the text of every cell, header first, row by row
	ends   []int  // where each cell ends in arena
	shown  int    // rows shown
	total  int64  // rows read
	line   []byte // the line being rendered
}

// newTextTable starts a table with a header of the column labels of d.
func newTextTable(schema *arrow.Schema, d *Display, opts TableOptions) *textTable {
	cols := d.cols
	t := &textTable{
		opts:   opts,
		nulls:  d.nulls,
		batch:  d.batch,
		right:  make([]bool, len(cols)),
		flag:   make([]bool, len(cols)),
		widths: make([]int, len(cols)),
	}
	for c, f := range schema.Fields() {
		t.right[c] = cols[c].kind == kindNumber
		t.flag[c] = !opts.PlainFlags && f.Type.ID() == arrow.BOOL && strings.HasSuffix(f.Name, "_outlier")
		start := len(t.arena)
		t.addCell(escapeControl(append(t.arena, d.Labels[c]...), start), c)
	}
	return t
}

// addBatch formats the rows of rec that fit under the cap and counts all.
func (t *textTable) addBatch(rec arrow.RecordBatch) error {
	n := int(rec.NumRows())
	t.total += int64(n)
	if t.opts.MaxRows > 0 {
		n = min(n, t.opts.MaxRows-t.shown)
	}
	if n <= 0 {
		return nil
	}
	if err := t.batch.bind(rec); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		t.addRow(i)
	}
	t.shown += n
	return nil
}

// addRow formats row i of the bound batch.
func (t *textTable) addRow(i int) {
	b := t.batch
	for c := range b.cols {
		start := len(t.arena)
		switch {
		case b.isNull(c, i):
			t.arena = append(t.arena, t.nulls[c]...)
		case t.flag[c]:
			if string(b.appendCell(t.arena, c, i)[start:]) == "true" {
				t.arena = append(t.arena, "OUTLIER"...)
			}
		case b.cols[c].kind == kindText:
			t.arena = escapeControl(b.appendCell(t.arena, c, i), start)
		default:
			t.arena = b.appendCell(t.arena, c, i)
		}
		t.addCell(t.arena, c)
	}
}

// addCell records that the cell of column c ends at the end of arena.
func (t *textTable) addCell(arena []byte, c int) {
	start := 0
	if len(t.ends) > 0 {
		start = t.ends[len(t.ends)-1]
	}
	t.arena = arena
	t.ends = append(t.ends, len(arena))
	t.widths[c] = max(t.widths[c], utf8.RuneCount(arena[start:]))
}

// cell returns the text of cell k (header cells first, then row by row).
func (t *textTable) cell(k int) []byte {
	start := 0
	if k > 0 {
		start = t.ends[k-1]
	}
	return t.arena[start:t.ends[k]]
}

// render writes the header, the separator, the rows and the footer.
func (t *textTable) render(w *bufio.Writer) {
	ncols := len(t.widths)
	if ncols > 0 {
		for r := 0; r <= t.shown; r++ {
			t.writeLine(w, r*ncols)
			if r == 0 {
				t.writeSeparator(w)
			}
		}
	}
	w.WriteString(t.footer())
	w.WriteByte('\n')
}

// writeLine writes the cells first..first+ncols-1 as one aligned line.
func (t *textTable) writeLine(w *bufio.Writer, first int) {
	line := t.line[:0]
	for c, width := range t.widths {
		if c > 0 {
			line = append(line, " |"...)
		}
		line = append(line, ' ')
		line = t.appendAligned(line, t.cell(first+c), width, t.right[c])
	}
	line = append(trimRightSpace(line), '\n')
	w.Write(line)
	t.line = line
}

// appendAligned appends cell padded with spaces to width runes.
func (t *textTable) appendAligned(line, cell []byte, width int, right bool) []byte {
	pad := width - utf8.RuneCount(cell)
	if !right {
		line = append(line, cell...)
	}
	for ; pad > 0; pad-- {
		line = append(line, ' ')
	}
	if right {
		line = append(line, cell...)
	}
	return line
}

// writeSeparator writes the line under the header: dashes, with + where
// the column borders are.
func (t *textTable) writeSeparator(w *bufio.Writer) {
	for c, width := range t.widths {
		if c > 0 {
			w.WriteByte('+')
		}
		w.WriteString(strings.Repeat("-", width+2))
	}
	w.WriteByte('\n')
}

// footer returns "(1 row)", "(N rows)" or "(N rows, M not shown)".
func (t *textTable) footer() string {
	s := "(" + strconv.FormatInt(t.total, 10) + " rows"
	if t.total == 1 {
		s = "(1 row"
	}
	if hidden := t.total - int64(t.shown); hidden > 0 {
		s += ", " + strconv.FormatInt(hidden, 10) + " not shown"
	}
	return s + ")"
}

// trimRightSpace removes trailing spaces.
func trimRightSpace(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// escapeControl rewrites the control characters of buf[start:] as \n, \r,
// \t or \xNN so that a cell stays on one line.
func escapeControl(buf []byte, start int) []byte {
	k := start
	for k < len(buf) && !isControl(buf[k]) {
		k++
	}
	if k == len(buf) {
		return buf
	}
	rest := append([]byte(nil), buf[k:]...)
	buf = buf[:k]
	for _, c := range rest {
		buf = appendEscaped(buf, c)
	}
	return buf
}

// isControl reports whether c is an ASCII control character.
func isControl(c byte) bool { return c < 0x20 || c == 0x7f }

// appendEscaped appends c, escaped when it is a control character.
func appendEscaped(buf []byte, c byte) []byte {
	switch {
	case c == '\n':
		return append(buf, `\n`...)
	case c == '\r':
		return append(buf, `\r`...)
	case c == '\t':
		return append(buf, `\t`...)
	case isControl(c):
		const digits = "0123456789abcdef"
		return append(buf, '\\', 'x', digits[c>>4], digits[c&0xf])
	default:
		return append(buf, c)
	}
}
