package reports

import "strings"

// pivotView fills the table of the page from the pivot's grid: its header
// levels and up to rowsCap rows; the row counts are the grid's.
func (p *htmlPage) pivotView(v *pageView) {
	g := p.pivot.grid()
	v.Headers = nil
	for n, level := range g.Header {
		var hs []headerView
		first := 0
		for _, h := range level {
			hv := headerView{Label: h.Text, Num: h.Numeric, Span: h.Span}
			hv.Class = groupClass(g, first, h.Span > 1 && g.Columns[first].Group >= 0)
			if n == 0 && len(g.Header) > 1 && g.Columns[first].Key {
				hv.Class = "corner" // the empty cell over the row dimensions' labels
			}
			hs = append(hs, hv)
			first += h.Span
		}
		v.Headers = append(v.Headers, hs)
	}
	v.Rows, v.FlaggedRows = nil, nil
	for _, r := range g.Rows {
		if p.rowsCap >= 0 && len(v.Rows) >= p.rowsCap {
			break
		}
		v.Rows = append(v.Rows, pivotHTMLRow(g, r))
	}
	v.Total, v.Shown = int64(len(g.Rows)), int64(len(v.Rows))
	v.Hidden = v.Total - v.Shown
	v.Flagged = 0
	for _, r := range g.Rows {
		if r.Flagged {
			v.Flagged++
		}
	}
}

// startsGroup reports whether leaf column k is the first of its pivot group.
func startsGroup(g *Grid, k int) bool {
	return g.Columns[k].Group >= 0 && (k == 0 || g.Columns[k-1].Group != g.Columns[k].Group)
}

// groupClass is the class of a header cell starting at leaf k: "grp" for
// a pivot value over several measures, "g" where a group starts, "num"
// over numbers.
func groupClass(g *Grid, k int, spansGroup bool) string {
	var cls []string
	switch {
	case spansGroup:
		cls = append(cls, "grp")
	case g.Columns[k].Numeric:
		cls = append(cls, "num")
	}
	if startsGroup(g, k) {
		cls = append(cls, "g")
	}
	return strings.Join(cls, " ")
}

// pivotHTMLRow is one grid row as the page's table shows it.
func pivotHTMLRow(g *Grid, r GridRow) htmlRow {
	hr := htmlRow{Total: r.Total, Cells: make([]htmlCell, len(r.Cells))}
	for k, cell := range r.Cells {
		col := g.Columns[k]
		var cls []string
		if col.Numeric && cell.Kind != CellTotal {
			cls = append(cls, "num")
		}
		if cell.Kind == CellNull {
			cls = append(cls, "null")
		}
		if startsGroup(g, k) {
			cls = append(cls, "g")
		}
		if col.Total {
			cls = append(cls, "tcol")
		}
		hc := htmlCell{Text: cell.Text}
		if cell.Outlier {
			cls = append(cls, "outlier")
			hc.Flagged, hc.Title = true, "outlier"
			if cell.Score != "" {
				hc.Title = "outlier, score " + cell.Score
			}
		}
		hc.Class = strings.Join(cls, " ")
		hr.Cells[k] = hc
	}
	return hr
}
