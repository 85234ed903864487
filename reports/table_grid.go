package reports

import (
	"bufio"
	"io"
	"strconv"
	"unicode/utf8"
)

// outlierMark follows a flagged cell of a pivoted table.
const outlierMark = " *"

// writeGridTable writes g as an aligned text table: the header levels (a
// pivot value spanning its measures' columns), a separator line, then up
// to maxRows rows (0: all), and a footer counting the rows. Missing
// combinations are blank, flagged cells end in " *".
func writeGridTable(w io.Writer, g *Grid, maxRows int) error {
	rows := g.Rows
	if maxRows > 0 && len(rows) > maxRows {
		rows = rows[:maxRows]
	}
	text := make([][]string, len(rows))
	widths := make([]int, len(g.Columns))
	for k, c := range g.Columns {
		widths[k] = runes(c.Label)
	}
	flagged := false
	for r, row := range rows {
		text[r] = make([]string, len(row.Cells))
		for k, cell := range row.Cells {
			s := string(escapeControl([]byte(cell.Text), 0))
			if cell.Outlier {
				s, flagged = s+outlierMark, true
			}
			text[r][k], widths[k] = s, max(widths[k], runes(s))
		}
	}
	widenForSpans(g.Header, widths)
	bw := bufio.NewWriter(w)
	var line []byte
	for _, level := range g.Header {
		line = appendHeaderLine(line[:0], level, widths)
		bw.Write(line)
	}
	writeDashes(bw, widths)
	for r := range rows {
		line = line[:0]
		for k, s := range text[r] {
			if k > 0 {
				line = append(line, " |"...)
			}
			line = append(append(line, ' '), aligned(s, widths[k], g.Columns[k].Numeric && rows[r].Cells[k].Kind != CellTotal)...)
		}
		bw.Write(append(trimRightSpace(line), '\n'))
	}
	bw.WriteString(gridFooter(len(g.Rows), len(rows), flagged) + "\n")
	return bw.Flush()
}

// runes counts the runes of s.
func runes(s string) int { return utf8.RuneCountInString(s) }

// widenForSpans widens the last column of a span whose header text is
// wider than the columns it spans.
func widenForSpans(levels [][]HeaderCell, widths []int) {
	for _, level := range levels {
		first := 0
		for _, h := range level {
			if need := runes(h.Text) - spanWidth(widths[first:first+h.Span]); need > 0 {
				widths[first+h.Span-1] += need
			}
			first += h.Span
		}
	}
}

// spanWidth is the width of adjacent columns joined, with their " | ".
func spanWidth(widths []int) int {
	w := 3 * (len(widths) - 1)
	for _, x := range widths {
		w += x
	}
	return w
}

// appendHeaderLine appends one header level as an aligned line.
func appendHeaderLine(line []byte, level []HeaderCell, widths []int) []byte {
	first := 0
	for k, h := range level {
		if k > 0 {
			line = append(line, " |"...)
		}
		text := string(escapeControl([]byte(h.Text), 0))
		line = append(append(line, ' '), aligned(text, spanWidth(widths[first:first+h.Span]), h.Numeric)...)
		first += h.Span
	}
	return append(trimRightSpace(line), '\n')
}

// aligned pads s with spaces to width runes, on the left when right.
func aligned(s string, width int, right bool) string {
	pad := width - runes(s)
	if pad <= 0 {
		return s
	}
	spaces := make([]byte, pad)
	for k := range spaces {
		spaces[k] = ' '
	}
	if right {
		return string(spaces) + s
	}
	return s + string(spaces)
}

// writeDashes writes the separator under the header.
func writeDashes(w *bufio.Writer, widths []int) {
	for k, width := range widths {
		if k > 0 {
			w.WriteByte('+')
		}
		for n := 0; n < width+2; n++ {
			w.WriteByte('-')
		}
	}
	w.WriteByte('\n')
}

// gridFooter is "(N rows)", with the rows not shown and the mark of
// outliers when there are some.
func gridFooter(total, shown int, flagged bool) string {
	s := "(" + strconv.Itoa(total) + " rows"
	if total == 1 {
		s = "(1 row"
	}
	if hidden := total - shown; hidden > 0 {
		s += ", " + strconv.Itoa(hidden) + " not shown"
	}
	if flagged {
		s += "; * marks an outlier"
	}
	return s + ")"
}
