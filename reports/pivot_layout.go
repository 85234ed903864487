package reports

import (
	"slices"

	"github.com/assay-dev/assay/compiler/result"
)

// grid sorts the pivot columns and the rows and lays out the grid.
func (b *gridBuilder) grid() *Grid {
	g := &Grid{SourceRows: b.read, FlaggedRows: b.flagged, HasFlags: len(b.flags) > 0}
	cols := b.sortedColumns()
	for _, c := range b.rows {
		g.Columns = append(g.Columns, b.leaf(c, -1, nil))
	}
	for k, pc := range cols {
		for _, c := range b.values {
			g.Columns = append(g.Columns, b.leaf(c, k, pc))
		}
	}
	g.Header = b.header(g.Columns, cols)
	for _, r := range b.sortedRows() {
		g.Rows = append(g.Rows, b.gridRow(r, cols))
	}
	return g
}

// sortedColumns lists the pivot columns as the pivot's column order says,
// the Total column last.
func (b *gridBuilder) sortedColumns() []*pivotColumn {
	cols := slices.Clone(b.cols)
	key := b.pv.ColumnOrder
	slices.SortStableFunc(cols, func(x, y *pivotColumn) int { return comparePart(x.part, y.part, key) })
	if b.totalCol != nil {
		cols = append(cols, b.totalCol)
	}
	return cols
}

// sortedRows sorts the rows by the pivot's row order; a rolled-up
// dimension sorts after every value of it, so totals follow what they sum.
func (b *gridBuilder) sortedRows() []*pivotRow {
	rows := slices.Clone(b.out)
	pos := map[string]int{}
	for k, name := range b.pv.Rows {
		pos[name] = k
	}
	slices.SortStableFunc(rows, func(x, y *pivotRow) int {
		for _, key := range b.pv.RowOrder {
			k := pos[key.Name]
			if c := comparePart(x.keys[k], y.keys[k], key); c != 0 {
				return c
			}
		}
		return 0
	})
	return rows
}

// comparePart orders two key parts of one dimension under key: totals
// last, NULLs first or last as key says, values in key's direction.
func comparePart(x, y keyPart, key result.SortKey) int {
	rank := func(p keyPart) int {
		switch {
		case p.kind == CellTotal:
			return 3
		case p.kind == CellNull && key.NullsFirst:
			return 0
		case p.kind == CellNull:
			return 2
		}
		return 1
	}
	if rx, ry := rank(x), rank(y); rx != ry || rx != 1 {
		return rx - ry
	}
	c := compareValues(x.value, y.value)
	if key.Desc {
		return -c
	}
	return c
}

// leaf is the grid column of result column c under pivot column pc (nil
// for a row dimension).
func (b *gridBuilder) leaf(c, group int, pc *pivotColumn) GridColumn {
	f := b.schema.Field(c)
	gc := GridColumn{Name: f.Name, Label: b.display.Labels[c], Type: f.Type, Format: b.formatOf(f.Name),
		Numeric: b.display.Numeric(c), Key: pc == nil, Group: group}
	if pc != nil {
		gc.PivotText, gc.PivotValue, gc.Total = pc.part.text, pc.part.value, pc.part.kind == CellTotal
		if len(b.values) == 1 {
			gc.Label = pc.part.text
		}
	}
	return gc
}

// formatOf is the format of the column called name, the zero Format
// without one.
func (b *gridBuilder) formatOf(name string) result.Format {
	return b.formats[name]
}

// header lays out the header levels of the grid's columns.
func (b *gridBuilder) header(leaves []GridColumn, cols []*pivotColumn) [][]HeaderCell {
	bottom := make([]HeaderCell, len(leaves))
	for k, l := range leaves {
		bottom[k] = HeaderCell{Text: l.Label, Span: 1, Numeric: l.Numeric}
	}
	if len(b.values) == 1 {
		return [][]HeaderCell{bottom}
	}
	var top []HeaderCell
	if len(b.rows) > 0 {
		top = append(top, HeaderCell{Span: len(b.rows)})
	}
	for _, pc := range cols {
		top = append(top, HeaderCell{Text: pc.part.text, Span: len(b.values), Numeric: true})
	}
	return [][]HeaderCell{top, bottom}
}

// gridRow lays out one row: its key cells, then the cells of every pivot
// column, CellMissing where the result has no row for the combination.
func (b *gridBuilder) gridRow(r *pivotRow, cols []*pivotColumn) GridRow {
	gr := GridRow{Total: r.total}
	for _, k := range r.keys {
		gr.Cells = append(gr.Cells, Cell{Kind: k.kind, Text: k.text, Value: k.value})
	}
	for _, pc := range cols {
		idx := -1
		if pc.part.kind != CellTotal {
			idx = pc.first
		}
		cells, ok := r.cells[idx]
		for j := range b.values {
			if !ok {
				gr.Cells = append(gr.Cells, Cell{Kind: CellMissing})
				continue
			}
			gr.Cells = append(gr.Cells, cells[j])
			gr.Flagged = gr.Flagged || cells[j].Outlier
		}
	}
	return gr
}
