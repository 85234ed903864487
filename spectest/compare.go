package spectest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/spec"
)

// expRow is one expected row: the cells it lists and its line.
type expRow struct {
	line  int
	node  *yaml.Node
	cells []expCell
}

// expCell is one listed column of an expected row.
type expCell struct {
	col  int // index in the actual result
	name string
	text string // as written
	want expected
}

// compare checks the actual rows against expect. With ordered (the report
// has an order:) row i must match expected row i; otherwise rows match in
// any order. Only the columns an expected row lists are compared. It
// returns the lines of the row diff (none when the rows match); an
// expectation that names no column of the result or does not parse as
// the column's type is a diagnostic.
func compare(f *spec.File, expect *yaml.Node, act *actual, ordered bool, loc *time.Location) ([]string, spec.Diagnostics) {
	cmp, ds := match(f, expect, act, ordered, loc)
	if ds.HasErrors() {
		return nil, ds
	}
	return cmp.m.diff(cmp.rows, act, cmp.shown, ordered), nil
}

// comparison is the outcome of matching expected rows with actual ones,
// kept for --update.
type comparison struct {
	rows    []expRow
	shown   []int // the columns the expectation lists (all when none)
	m       matching
	ordered bool
}

// match parses the expected rows and pairs them with the actual rows.
func match(f *spec.File, expect *yaml.Node, act *actual, ordered bool, loc *time.Location) (*comparison, spec.Diagnostics) {
	rows, shown, ds := expectedRows(f, expect, act, loc)
	if ds.HasErrors() {
		return nil, ds
	}
	c := &comparison{rows: rows, shown: shown, ordered: ordered}
	if ordered {
		c.m = matchOrdered(rows, act)
	} else {
		c.m = matchUnordered(rows, act)
	}
	return c, nil
}

// expectedRows parses the expected rows and returns them with the columns
// they list (in first-seen order), for showing unexpected rows.
func expectedRows(f *spec.File, expect *yaml.Node, act *actual, loc *time.Location) ([]expRow, []int, spec.Diagnostics) {
	var ds spec.Diagnostics
	var rows []expRow
	var shown []int
	for _, rn := range expect.Content {
		row := expRow{line: rn.Line, node: rn}
		for i := 0; i+1 < len(rn.Content); i += 2 {
			k, v := rn.Content[i], rn.Content[i+1]
			c := act.column(k.Value)
			if c < 0 {
				ds.Errorf(spec.CodeUnknownName, nodeSpan(f, k), "the result has no column %q%s", k.Value, spec.DidYouMean(k.Value, act.cols))
				continue
			}
			want, err := parseExpected(v, act.kinds[c], loc)
			if err != nil {
				ds.Errorf(spec.CodeBadValue, nodeSpan(f, v), "expected %s: %v", k.Value, err)
				continue
			}
			text := v.Value
			if want.null {
				text = "null"
			}
			row.cells = append(row.cells, expCell{col: c, name: k.Value, text: text, want: want})
			if indexOfInt(shown, c) < 0 {
				shown = append(shown, c)
			}
		}
		rows = append(rows, row)
	}
	if len(shown) == 0 {
		for i := range act.cols {
			shown = append(shown, i)
		}
	}
	return rows, shown, ds
}

func indexOfInt(list []int, v int) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// matching pairs expected rows with actual rows: pair[i] is the actual row
// of expected row i (-1: none); exact[i] says whether they match.
type matching struct {
	pair  []int
	exact []bool
	used  []bool
}

func newMatching(nexp, nact int) matching {
	m := matching{pair: make([]int, nexp), exact: make([]bool, nexp), used: make([]bool, nact)}
	for i := range m.pair {
		m.pair[i] = -1
	}
	return m
}

// agree counts the listed cells of e that match actual row r.
func agree(e expRow, act *actual, r int) int {
	n := 0
	for _, c := range e.cells {
		if c.want.matches(act.rows[r][c.col], act.kinds[c.col]) {
			n++
		}
	}
	return n
}

// matchOrdered pairs expected and actual rows keeping both orders: the
// longest run of exactly matching rows in order (so that one missing or
// extra row does not make every later row look changed), then, between
// two such rows, the remaining rows position by position when they agree
// on some cell (a changed row); the others are missing or unexpected.
func matchOrdered(rows []expRow, act *actual) matching {
	m := newMatching(len(rows), len(act.rows))
	ne, na := len(rows), len(act.rows)
	exact := make([][]bool, ne)
	for i := range rows {
		exact[i] = make([]bool, na)
		for r := range act.rows {
			exact[i][r] = agree(rows[i], act, r) == len(rows[i].cells)
		}
	}
	// lcs[i][r]: the longest common run of rows[i:] and act.rows[r:].
	lcs := make([][]int, ne+1)
	for i := range lcs {
		lcs[i] = make([]int, na+1)
	}
	for i := ne - 1; i >= 0; i-- {
		for r := na - 1; r >= 0; r-- {
			switch {
			case exact[i][r]:
				lcs[i][r] = lcs[i+1][r+1] + 1
			default:
				lcs[i][r] = max(lcs[i+1][r], lcs[i][r+1])
			}
		}
	}
	// gap pairs the rows between two anchors position by position.
	gap := func(i0, i1, r0, r1 int) {
		for i, r := i0, r0; i < i1 && r < r1; i, r = i+1, r+1 {
			if agree(rows[i], act, r) > 0 || len(rows[i].cells) == 0 {
				m.pair[i], m.used[r] = r, true
			}
		}
	}
	i, r, gi, gr := 0, 0, 0, 0
	for i < ne && r < na {
		switch {
		case exact[i][r] && lcs[i][r] == lcs[i+1][r+1]+1:
			gap(gi, i, gr, r)
			m.pair[i], m.exact[i], m.used[r] = r, true, true
			i, r = i+1, r+1
			gi, gr = i, r
		case lcs[i+1][r] >= lcs[i][r+1]:
			i++
		default:
			r++
		}
	}
	gap(gi, ne, gr, na)
	return m
}

// matchUnordered pairs each expected row with the first free actual row it
// matches, then pairs what is left with the free row it agrees with most
// (a changed row), if it agrees on any cell.
func matchUnordered(rows []expRow, act *actual) matching {
	m := newMatching(len(rows), len(act.rows))
	for i, e := range rows {
		for r := range act.rows {
			if !m.used[r] && agree(e, act, r) == len(e.cells) {
				m.pair[i], m.exact[i], m.used[r] = r, true, true
				break
			}
		}
	}
	for i, e := range rows {
		if m.pair[i] >= 0 {
			continue
		}
		best, bestN := -1, 0
		for r := range act.rows {
			if n := agree(e, act, r); !m.used[r] && n > bestN {
				best, bestN = r, n
			}
		}
		if best >= 0 {
			m.pair[i], m.used[best] = best, true
		}
	}
	return m
}

// diff prints the differences: changed cells of paired rows, expected rows
// without a partner (missing) and actual rows without one (unexpected).
func (m matching) diff(rows []expRow, act *actual, shown []int, ordered bool) []string {
	var out []string
	// In an ordered result, a missing row that a row returned elsewhere
	// matches exactly is out of order rather than missing and unexpected.
	moved := make([]int, len(rows))
	claimed := slices.Clone(m.used)
	for i, e := range rows {
		moved[i] = -1
		if m.pair[i] >= 0 || !ordered {
			continue
		}
		for r := range act.rows {
			if !claimed[r] && agree(e, act, r) == len(e.cells) {
				moved[i], claimed[r] = r, true
				break
			}
		}
	}
	for i, e := range rows {
		r := m.pair[i]
		switch {
		case r < 0 && ordered && moved[i] >= 0:
			out = append(out, fmt.Sprintf("line %d: out of order: row %s comes at result row %d", e.line, e.describe(), moved[i]+1))
		case r < 0:
			out = append(out, fmt.Sprintf("line %d: missing row %s", e.line, e.describe()))
		case !m.exact[i]:
			out = append(out, fmt.Sprintf("line %d: changed row %s", e.line, e.describe()))
			for _, c := range e.cells {
				got := act.rows[r][c.col]
				if !c.want.matches(got, act.kinds[c.col]) {
					out = append(out, fmt.Sprintf("    %s: expected %s, got %s", c.name, c.text, got.describe()))
				}
			}
		}
	}
	for r, used := range m.used {
		if !used && !(ordered && claimed[r]) {
			where := ""
			if ordered {
				where = fmt.Sprintf(" (result row %d)", r+1)
			}
			out = append(out, fmt.Sprintf("unexpected row%s %s", where, act.describe(r, shown)))
		}
	}
	return out
}

func (e expRow) describe() string {
	parts := make([]string, len(e.cells))
	for i, c := range e.cells {
		parts[i] = c.name + ": " + c.text
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (c cell) describe() string {
	if c.null {
		return "null"
	}
	return c.text
}

func (a *actual) describe(r int, cols []int) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = a.cols[c] + ": " + a.rows[r][c].describe()
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
