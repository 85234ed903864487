package reports

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// Errors of BuildGrid.
var (
	// ErrPivotTooWide reports a pivot column with more distinct values
	// than the pivot's max_columns.
	ErrPivotTooWide = errors.New("too many columns for the pivot")
	// ErrPivotRows reports rows of a result that cannot be laid out: two
	// rows for one cell, or a totals row whose rolled-up dimensions
	// cannot be told.
	ErrPivotRows = errors.New("cannot pivot the result")
)

// PivotOptions configures BuildGrid.
type PivotOptions struct {
	// Pivot is the checked pivot: block of the report.
	Pivot *result.Pivot
	// Formats are the columns' display formats, by output column name.
	Formats map[string]result.Format
	// Null is the output's text of NULL where a format sets no `null:`
	// (DefaultNull in the table and HTML, "" in CSV and XLSX).
	Null string
}

// BuildGrid reads every batch of rr and lays the result out as opts.Pivot
// says: the values of the pivot column become columns (sorted as its
// `order:` entry says, ascending by default; NULL is a column of its own,
// headed by the null text), one per value for each of the pivot's values;
// the other dimensions stay as rows (sorted, see result.Pivot.RowOrder);
// a combination the result lacks is a CellMissing cell. Totals rows go
// where they belong: a row whose pivot dimension is rolled up fills the
// Total column (the query's own totals, never summed here), a row whose
// other dimensions are rolled up is a totals row. More distinct values
// than max_columns is an error wrapping ErrPivotTooWide, returned as soon
// as it is seen: nothing has been written by then. BuildGrid reads rr to
// its end (or to the error) but does not release it.
func BuildGrid(rr array.RecordReader, opts PivotOptions) (*Grid, error) {
	b, err := newGridBuilder(rr.Schema(), opts)
	if err != nil {
		return nil, err
	}
	for rr.Next() {
		if err := b.add(rr.RecordBatch()); err != nil {
			return nil, err
		}
	}
	if err := rr.Err(); err != nil {
		return nil, fmt.Errorf("reading results: %w", err)
	}
	return b.grid(), nil
}

// keyPart is one dimension's value in a row or column key.
type keyPart struct {
	kind  CellKind // CellNull, CellValue or CellTotal
	text  string   // display text
	value any      // typed value of a CellValue
}

// pivotColumn is one distinct value of the pivot column.
type pivotColumn struct {
	part  keyPart
	first int // order of first appearance
}

// pivotRow collects the cells of one row key.
type pivotRow struct {
	keys  []keyPart
	first int
	total bool
	cells map[int][]Cell // by pivot column (index into gridBuilder.cols) → one cell per value
}

// gridBuilder lays rows out while the batches stream by.
type gridBuilder struct {
	pv      *result.Pivot
	display *Display
	raw     *boundBatch
	pivot   int   // schema index of the pivot column
	rows    []int // schema indices of the row dimensions
	values  []int // schema indices of the values
	flagOf  []int // per value: its <value>_outlier column, or -1
	scoreOf []int // per value: its <value>_score column, or -1
	flags   []int // every outlier flag column
	level   int   // schema index of _level, or -1
	dims    []int // pivot then rows: every dimension
	inTotal []bool
	schema  *arrow.Schema
	formats map[string]result.Format

	cols     []*pivotColumn
	colIndex map[string]int
	totalCol *pivotColumn
	out      []*pivotRow
	rowIndex map[string]int
	read     int64
	flagged  int64
	buf      []byte
}

// newGridBuilder finds the columns the pivot reads in schema.
func newGridBuilder(schema *arrow.Schema, opts PivotOptions) (*gridBuilder, error) {
	pv := opts.Pivot
	if pv == nil {
		return nil, fmt.Errorf("%w: no pivot given", ErrPivotRows)
	}
	d, err := NewDisplay(schema, opts.Formats, opts.Null)
	if err != nil {
		return nil, err
	}
	rawCols, err := newColumns(schema, styleRaw)
	if err != nil {
		return nil, err
	}
	b := &gridBuilder{pv: pv, display: d, raw: newBoundBatch(rawCols), level: -1, schema: schema, formats: opts.Formats,
		colIndex: map[string]int{}, rowIndex: map[string]int{}}
	index := func(name string) (int, error) {
		if ix := schema.FieldIndices(name); len(ix) == 1 {
			return ix[0], nil
		}
		return -1, fmt.Errorf("%w: the result has no column %q", ErrPivotRows, name)
	}
	if b.pivot, err = index(pv.Column); err != nil {
		return nil, err
	}
	b.dims = append(b.dims, b.pivot)
	for _, name := range pv.Rows {
		c, err := index(name)
		if err != nil {
			return nil, err
		}
		b.rows, b.dims = append(b.rows, c), append(b.dims, c)
	}
	for _, name := range pv.Values {
		c, err := index(name)
		if err != nil {
			return nil, err
		}
		b.values = append(b.values, c)
		b.flagOf = append(b.flagOf, optionalIndex(schema, name+result.OutlierSuffix, arrow.BOOL))
		b.scoreOf = append(b.scoreOf, optionalIndex(schema, name+result.ScoreSuffix, arrow.FLOAT64))
	}
	b.findFlagsAndLevel(schema)
	for _, c := range b.dims {
		b.inTotal = append(b.inTotal, slices.Contains(pv.Totals, schema.Field(c).Name))
	}
	return b, nil
}

// optionalIndex is the index of the column called name of type id, or -1.
func optionalIndex(schema *arrow.Schema, name string, id arrow.Type) int {
	if ix := schema.FieldIndices(name); len(ix) == 1 && schema.Field(ix[0]).Type.ID() == id {
		return ix[0]
	}
	return -1
}

// findFlagsAndLevel finds _level and every <metric>_outlier column.
func (b *gridBuilder) findFlagsAndLevel(schema *arrow.Schema) {
	for i, f := range schema.Fields() {
		if f.Name == levelColumn {
			b.level = i
		}
		if f.Type.ID() == arrow.BOOL && strings.HasSuffix(f.Name, result.OutlierSuffix) {
			b.flags = append(b.flags, i)
		}
	}
}

// add lays out the rows of rec.
func (b *gridBuilder) add(rec arrow.RecordBatch) error {
	if err := b.display.Bind(rec); err != nil {
		return err
	}
	if err := b.raw.bind(rec); err != nil {
		return err
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		if err := b.addRow(rec, i); err != nil {
			return err
		}
	}
	return nil
}

// addRow places row i of rec.
func (b *gridBuilder) addRow(rec arrow.RecordBatch, i int) error {
	b.read++
	for _, c := range b.flags {
		if boolAt(rec.Column(c), i) {
			b.flagged++
			break
		}
	}
	rolled, err := b.rolledUp(rec, i)
	if err != nil {
		return err
	}
	col, err := b.column(i, rolled[0])
	if err != nil {
		return err
	}
	row := b.row(i, rolled[1:])
	if _, dup := row.cells[col]; dup {
		return fmt.Errorf("%w: two rows of the result fall on one cell (row %d of the result)", ErrPivotRows, b.read)
	}
	cells := make([]Cell, len(b.values))
	for j, c := range b.values {
		cells[j] = b.valueCell(rec, c, j, i)
	}
	row.cells[col] = cells
	return nil
}

// rolledUp says which dimensions (pivot first, then the rows) row i has
// rolled up, from its _level and the report's totals: level 0 is a
// detail row, the number of dimensions the grand total, and one less a
// subtotal that keeps one dimension of totals: (the one that is not
// NULL, or the only one of totals).
func (b *gridBuilder) rolledUp(rec arrow.RecordBatch, i int) ([]bool, error) {
	n := len(b.dims)
	rolled := make([]bool, n)
	level := 0
	if b.level >= 0 && !b.display.IsNull(b.level, i) {
		level = int(floatAt(rec.Column(b.level), i))
	}
	switch {
	case level == 0:
		return rolled, nil
	case level == n:
		for k := range rolled {
			rolled[k] = true
		}
		return rolled, nil
	case level != n-1:
		return nil, fmt.Errorf("%w: a totals row rolls up %d of %d dimensions", ErrPivotRows, level, n)
	}
	kept, err := b.keptDimension(i)
	if err != nil {
		return nil, err
	}
	for k := range rolled {
		rolled[k] = k != kept
	}
	return rolled, nil
}

// keptDimension is the dimension a subtotal row of level n-1 keeps.
func (b *gridBuilder) keptDimension(i int) (int, error) {
	var notNull, candidates []int
	for k, c := range b.dims {
		if !b.display.IsNull(c, i) {
			notNull = append(notNull, k)
		}
		if b.inTotal[k] {
			candidates = append(candidates, k)
		}
	}
	switch {
	case len(notNull) == 1:
		return notNull[0], nil
	case len(notNull) == 0 && len(candidates) == 1:
		return candidates[0], nil
	}
	names := make([]string, len(candidates))
	for k, c := range candidates {
		names[k] = strconv.Quote(b.schema.Field(b.dims[c]).Name)
	}
	return -1, fmt.Errorf("%w: a subtotal row has NULL in every dimension, so which of the totals dimensions (%s) it keeps cannot be told; list one of them in totals:", ErrPivotRows, joinWords(names))
}

// column returns the pivot column of row i, adding it when new.
func (b *gridBuilder) column(i int, rolled bool) (int, error) {
	if rolled {
		if b.totalCol == nil {
			b.totalCol = &pivotColumn{part: keyPart{kind: CellTotal, text: TotalText}}
		}
		return -1, nil
	}
	key := b.keyOf(b.pivot, i)
	if k, ok := b.colIndex[key]; ok {
		return k, nil
	}
	if len(b.cols) >= b.pv.MaxColumns {
		return 0, fmt.Errorf("%w: %q has more than %d distinct values (max_columns of pivot:); narrow the report (a shorter period, a filter) or raise max_columns",
			ErrPivotTooWide, b.pv.Column, b.pv.MaxColumns)
	}
	b.colIndex[key] = len(b.cols)
	b.cols = append(b.cols, &pivotColumn{part: b.part(b.pivot, i, false), first: len(b.cols)})
	return len(b.cols) - 1, nil
}

// row returns the row of row i's key, adding it when new.
func (b *gridBuilder) row(i int, rolled []bool) *pivotRow {
	key := ""
	for k, c := range b.rows {
		if rolled[k] {
			key += "\x01|"
			continue
		}
		key += b.keyOf(c, i) + "|"
	}
	if k, ok := b.rowIndex[key]; ok {
		return b.out[k]
	}
	r := &pivotRow{first: len(b.out), cells: map[int][]Cell{}}
	for k, c := range b.rows {
		r.keys = append(r.keys, b.part(c, i, rolled[k]))
		r.total = r.total || rolled[k]
	}
	b.rowIndex[key] = len(b.out)
	b.out = append(b.out, r)
	return r
}

// keyOf is the map key of the value of column c at row i: its raw text,
// so that values that display alike stay apart.
func (b *gridBuilder) keyOf(c, i int) string {
	if b.display.IsNull(c, i) {
		return "\x00"
	}
	b.buf = b.raw.appendCell(append(b.buf[:0], 'v'), c, i)
	return strconv.Itoa(len(b.buf)) + ":" + string(b.buf)
}

// part is the key part of column c at row i.
func (b *gridBuilder) part(c, i int, rolled bool) keyPart {
	switch {
	case rolled:
		return keyPart{kind: CellTotal, text: TotalText}
	case b.display.IsNull(c, i):
		return keyPart{kind: CellNull, text: string(b.display.AppendCell(nil, c, i))}
	}
	return keyPart{kind: CellValue, text: string(b.display.AppendCell(nil, c, i)), value: b.typed(c, i)}
}

// typed is the typed value of the non-NULL column c at row i.
func (b *gridBuilder) typed(c, i int) any {
	return typedValue(b.raw.arrs[c], i, b.raw.fns[c])
}

// valueCell is the cell of value j (column c) at row i.
func (b *gridBuilder) valueCell(rec arrow.RecordBatch, c, j, i int) Cell {
	cell := Cell{Kind: CellNull, Text: string(b.display.AppendCell(nil, c, i))}
	if !b.display.IsNull(c, i) {
		cell.Kind, cell.Value = CellValue, b.typed(c, i)
	}
	if f := b.flagOf[j]; f >= 0 && boolAt(rec.Column(f), i) {
		cell.Outlier = true
		if s := b.scoreOf[j]; s >= 0 && !b.display.IsNull(s, i) {
			cell.Score = string(b.display.AppendCell(nil, s, i))
		}
	}
	return cell
}

// joinWords joins "a", "b" and "c".
func joinWords(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	s := ""
	for k, w := range words[:len(words)-1] {
		if k > 0 {
			s += ", "
		}
		s += w
	}
	return s + " and " + words[len(words)-1]
}
