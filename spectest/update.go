package spectest

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/reports"
	"github.com/assay-dev/assay/spec"
)

// Update rewrites the expect: rows of every failed case of f from the
// report's actual result. Only the rows that differ change, in the file's
// own text: a row that matched stays byte for byte (with its comment), a
// changed row gets the actual values of the columns it lists, a missing
// row goes, and a row the report returned unexpectedly is added (one flow
// mapping per line, indented as its neighbours, with the columns the
// expectation lists). Everything outside those rows is left as written.
// It returns the number of cases rewritten; the file is written
// (atomically) only when there is one.
func Update(f *File, results []*Result) (int, error) {
	var edits []edit
	n := 0
	for _, r := range results {
		if r.File != f || r.Status != Fail || r.actual == nil || r.cmp == nil || r.Case.Expect == nil {
			continue
		}
		edits = append(edits, caseEdits(f.Src, r.Case, r.actual, r.cmp)...)
		n++
	}
	if n == 0 {
		return 0, nil
	}
	out := apply(f.Src.Src, edits)
	// A layout the splicing does not foresee must not leave a broken file.
	var check yaml.Node
	if err := yaml.Unmarshal(out, &check); err != nil {
		return 0, fmt.Errorf("the rewritten file would not be valid YAML (%v); it is left as it was", err)
	}
	return n, reports.WriteFileAtomic(f.Path, func(w io.Writer) error {
		_, err := w.Write(out)
		return err
	})
}

// edit replaces the bytes [start, end) of the file with text.
type edit struct {
	start, end int
	text       string
}

// apply makes non-overlapping edits to src.
func apply(src []byte, edits []edit) []byte {
	// By place; an insertion goes before a deletion that starts there.
	sort.SliceStable(edits, func(i, j int) bool {
		a, b := edits[i], edits[j]
		return a.start < b.start || a.start == b.start && a.end < b.end
	})
	var b bytes.Buffer
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.start])
		b.WriteString(e.text)
		at = e.end
	}
	b.Write(src[at:])
	return b.Bytes()
}

// caseEdits are the edits that make a case's expect: rows the actual ones.
func caseEdits(f *spec.File, c *Case, act *actual, cmp *comparison) []edit {
	nl := "\n"
	if bytes.Contains(f.Src, []byte("\r\n")) {
		nl = "\r\n"
	}
	seq := c.Expect
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 || !blockRows(f, seq) {
		return []edit{replaceValue(f, c, act, cmp, nl)}
	}
	exts := make([]rowText, len(cmp.rows))
	var edits []edit
	for i, e := range cmp.rows {
		rt := rowExtent(f, e.node)
		exts[i] = rt
		r := cmp.m.pair[i]
		switch {
		case r < 0: // missing: the row's lines go
			edits = append(edits, edit{start: rt.lineStart, end: rt.next})
		case !cmp.m.exact[i]: // changed: the actual values of its columns
			edits = append(edits, edit{start: rt.start, end: rt.end, text: rt.restyle(e, act, r, nl)})
		}
	}
	// A row the report returned that no expected row stands for is added
	// with the columns the expectation lists: after the last row, or, in
	// an ordered result, after the expected row of the result row before
	// it (before the first row when there is none).
	for r, used := range cmp.m.used {
		if used {
			continue
		}
		anchor := len(cmp.rows) - 1
		if cmp.ordered {
			anchor = -1
			for i, p := range cmp.m.pair {
				if p >= 0 && p < r && (anchor < 0 || p > cmp.m.pair[anchor]) {
					anchor = i
				}
			}
		}
		at, prefix := exts[0].lineStart, exts[0].prefix
		if anchor >= 0 {
			at, prefix = exts[anchor].next, exts[anchor].prefix
		}
		text := prefix + flowRow(act, r, cmp.shown) + nl
		if at == len(f.Src) && !bytes.HasSuffix(f.Src, []byte("\n")) {
			text = nl + strings.TrimSuffix(text, nl) // the file's last line has no newline
		}
		edits = append(edits, edit{start: at, end: at, text: text})
	}
	if len(act.rows) == 0 {
		// Every row goes: the empty list is written [] rather than left
		// as a bare key.
		colon := afterColon(f, c.ExpectKey)
		edits = append(edits, edit{start: colon, end: colon, text: " []"})
	}
	return edits
}

// blockRows reports whether every row of a block sequence starts its own
// line with "- " before it (the layout --update splices row by row).
func blockRows(f *spec.File, seq *yaml.Node) bool {
	prev := 0
	for _, rn := range seq.Content {
		if rn.Line <= prev {
			return false
		}
		lead := string(f.Src[f.Offset(rn.Line, 1):f.Offset(rn.Line, rn.Column)])
		if strings.TrimSpace(lead) != "-" {
			return false
		}
		prev = rowExtent(f, rn).endLine
	}
	return true
}

// rowText is where a row is in the file.
type rowText struct {
	lineStart int    // its first line
	start     int    // the row itself (after "- ")
	end       int    // just after the row (before a trailing comment)
	next      int    // the start of the line after its last one
	endLine   int    // its last line
	prefix    string // its first line up to the row: indentation and "- "
	block     bool   // a block mapping (key: value lines) rather than {…}
	indent    string // the indentation of a block mapping's keys
}

// rowExtent finds a row of a block sequence in the file.
func rowExtent(f *spec.File, rn *yaml.Node) rowText {
	rt := rowText{lineStart: f.Offset(rn.Line, 1), start: f.Offset(rn.Line, rn.Column)}
	rt.prefix = string(f.Src[rt.lineStart:rt.start])
	if rn.Style&yaml.FlowStyle != 0 {
		rt.end = flowEnd(f.Src, rt.start)
		rt.endLine, _ = f.Position(rt.end)
	} else {
		rt.block = true
		rt.indent = strings.Repeat(" ", len(rt.prefix))
		rt.endLine = maxLine(rn)
		// A value may go on over lines indented deeper than the "-".
		dash := len(rt.prefix) - len(strings.TrimLeft(rt.prefix, " "))
		for next := f.Line(rt.endLine + 1); rt.endLine < lineCount(f); next = f.Line(rt.endLine + 1) {
			body := strings.TrimLeft(next, " ")
			if body == "" || strings.HasPrefix(body, "#") || len(next)-len(body) <= dash {
				break
			}
			rt.endLine++
		}
		rt.end = f.Offset(rt.endLine, 1) + len(f.Line(rt.endLine))
	}
	rt.next = f.Offset(rt.endLine+1, 1)
	if rt.endLine >= lineCount(f) {
		rt.next = len(f.Src)
	}
	return rt
}

func lineCount(f *spec.File) int {
	n := bytes.Count(f.Src, []byte("\n"))
	if len(f.Src) > 0 && f.Src[len(f.Src)-1] != '\n' {
		n++
	}
	return n
}

// restyle writes a changed row with the actual values of the columns it
// lists, in the row's own style.
func (rt rowText) restyle(e expRow, act *actual, r int, nl string) string {
	cols := make([]int, len(e.cells))
	for i, c := range e.cells {
		cols[i] = c.col
	}
	if !rt.block {
		return flowRow(act, r, cols)
	}
	lines := make([]string, len(cols))
	for i, c := range cols {
		lines[i] = scalarText(act.cols[c], keyNode(act.cols[c])) + ": " + scalarText("", valueNode(act.rows[r][c], act.kinds[c]))
		if i > 0 {
			lines[i] = rt.indent + lines[i]
		}
	}
	return strings.Join(lines, nl)
}

// maxLine is the last line any node of n starts on.
func maxLine(n *yaml.Node) int {
	line := n.Line
	for _, c := range n.Content {
		line = max(line, maxLine(c))
	}
	return line
}

// flowEnd returns the offset just after the flow collection that opens at
// src[start], skipping quoted text and comments.
func flowEnd(src []byte, start int) int {
	depth := 0
	for i := start; i < len(src); i++ {
		switch ch := src[i]; ch {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '\'':
			for i++; i < len(src); i++ {
				if src[i] == '\'' {
					if i+1 < len(src) && src[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '#':
			if i > 0 && (src[i-1] == ' ' || src[i-1] == '\t') {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
		}
	}
	return len(src)
}

// afterColon returns the offset just after the ':' that follows key.
func afterColon(f *spec.File, key *yaml.Node) int {
	i := f.Offset(key.Line, key.Column) + len(key.Value)
	if key.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
		i += 2
	}
	for i < len(f.Src) && f.Src[i] != ':' && f.Src[i] != '\n' {
		i++
	}
	if i < len(f.Src) && f.Src[i] == ':' {
		i++
	}
	return i
}

// replaceValue rewrites an expect: that is not a block list of rows (an
// empty value, [] or a flow list) as a block list of flow rows under its
// key, keeping a comment after it.
func replaceValue(f *spec.File, c *Case, act *actual, cmp *comparison, nl string) edit {
	start := afterColon(f, c.ExpectKey)
	end := start
	for end < len(f.Src) && (f.Src[end] == ' ' || f.Src[end] == '\t') {
		end++
	}
	switch rest := string(f.Src[end:]); {
	case strings.HasPrefix(rest, "["):
		end = flowEnd(f.Src, end)
	case strings.HasPrefix(rest, "~"):
		end++
	case strings.HasPrefix(rest, "null"), strings.HasPrefix(rest, "Null"), strings.HasPrefix(rest, "NULL"):
		end += 4
	default:
		end = start // nothing written after the colon
	}
	// The rows in result order: those an expected row stands for with
	// the columns it lists, the others with the columns the expectation
	// lists.
	var rows []string
	for r := range act.rows {
		cols := cmp.shown
		for i, p := range cmp.m.pair {
			if p == r {
				cols = make([]int, len(cmp.rows[i].cells))
				for j, cell := range cmp.rows[i].cells {
					cols[j] = cell.col
				}
			}
		}
		rows = append(rows, flowRow(act, r, cols))
	}
	if len(rows) == 0 {
		return edit{start: start, end: end, text: " []"}
	}
	if c.Node.Style&yaml.FlowStyle != 0 {
		// Inside a flow mapping the rows stay on the line.
		return edit{start: start, end: end, text: " [" + strings.Join(rows, ", ") + "]"}
	}
	// The comment after the value stays on the key's line.
	lineEnd := end
	for lineEnd < len(f.Src) && f.Src[lineEnd] != '\n' {
		lineEnd++
	}
	trailing := strings.TrimRight(string(f.Src[end:lineEnd]), "\r")
	keyLine := f.Line(c.ExpectKey.Line)
	indent := keyLine[:len(keyLine)-len(strings.TrimLeft(keyLine, " "))] + "  "
	var b strings.Builder
	b.WriteString(trailing)
	for _, row := range rows {
		b.WriteString(nl + indent + "- " + row)
	}
	if strings.HasSuffix(string(f.Src[end:lineEnd]), "\r") {
		lineEnd--
	}
	return edit{start: start, end: lineEnd, text: b.String()}
}

// flowRow writes actual row r as a flow mapping of the columns cols
// (all columns when there are none).
func flowRow(act *actual, r int, cols []int) string {
	if len(cols) == 0 {
		for i := range act.cols {
			cols = append(cols, i)
		}
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for _, c := range slices.Clip(cols) {
		m.Content = append(m.Content, keyNode(act.cols[c]), valueNode(act.rows[r][c], act.kinds[c]))
	}
	return scalarText("", m)
}

func keyNode(name string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}
}

// scalarText is a node as YAML text on one line (the encoder quotes what
// would read as something else). fallback is returned if it cannot be
// encoded.
func scalarText(fallback string, n *yaml.Node) string {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	if err := enc.Encode(n); err != nil {
		return fallback
	}
	enc.Close()
	return strings.TrimRight(b.String(), "\n")
}

// valueNode is a cell as YAML: null, a string (quoted by the encoder when
// it would read as something else) or the plain text of a number, date,
// timestamp or bool.
func valueNode(c cell, k valueKind) *yaml.Node {
	switch {
	case c.null:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	case k == kindText:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: c.text}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: c.text}
}
