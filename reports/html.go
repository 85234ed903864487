package reports

import (
	"bufio"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/assay-dev/assay/compiler/result"
)

// DefaultMaxRows is the number of rows the HTML report shows when
// HTMLOptions.MaxRows is 0.
const DefaultMaxRows = 5000

// maxFlaggedRows is the number of flagged rows listed above the table.
const maxFlaggedRows = 200

// levelColumn is the column of totals: 0 on detail rows, the number of
// dimensions rolled up on subtotal and total rows.
const levelColumn = "_level"

// Param is one resolved report parameter as the HTML report shows it.
type Param struct {
	Name, Value string
}

// HTMLOptions is what the HTML report shows besides the rows.
type HTMLOptions struct {
	// Name is the report's name; Title (or Name) heads the page.
	Name, Title, Description string
	// Params are the resolved parameter values, in declaration order.
	Params []Param
	// RunAt is when the report ran; Elapsed how long it took (0: unknown).
	RunAt   time.Time
	Elapsed time.Duration
	// Database is the database's name; never pass a URL, which may hold
	// a password.
	Database string
	// Formats are the columns' display formats, by output column name.
	Formats map[string]result.Format
	// Charts are drawn above the table, every row of the result charted.
	Charts []result.Chart
	// Scores name the score columns (0…100), drawn as a bar in the cell.
	Scores []string
	// MaxRows caps the rows of the table (not of the charts); 0 means
	// DefaultMaxRows, a negative number shows every row.
	MaxRows int
	// Pivot, when set, lays the table out as the report's pivot: says
	// (see BuildGrid): header levels, flagged cells highlighted, totals
	// rows set apart; the charts still draw every row of the result, and
	// the flagged rows are not listed apart (their cells are highlighted).
	// MaxRows then caps the pivoted rows.
	Pivot *result.Pivot
}

// WriteHTML writes the results of rr to w as one self-contained HTML page:
// the title, description, parameters, run time and database name; the
// number of rows outlier rules flagged; the charts as inline SVG; and the
// formatted table, with outlier cells highlighted (their score on hover),
// score columns as bars, totals rows set apart and NULLs visible. The page
// loads nothing from the network (a Content-Security-Policy forbids it)
// and has no script. Every text from the data or the spec is escaped.
// The rows shown are buffered and the charts keep one point per row;
// WriteHTML reads rr to its end but does not release it.
func WriteHTML(w io.Writer, rr array.RecordReader, opts HTMLOptions) error {
	p, err := newHTMLPage(rr.Schema(), opts)
	if err != nil {
		return fmt.Errorf("reports: html: %w", err)
	}
	for rr.Next() {
		if err := p.addBatch(rr.RecordBatch()); err != nil {
			return fmt.Errorf("reports: html: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("reports: html: reading results: %w", err)
	}
	bw := bufio.NewWriter(w)
	if err := pageTemplate.Execute(bw, p.view()); err != nil {
		return fmt.Errorf("reports: html: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("reports: html: %w", err)
	}
	return nil
}

// htmlPage collects what the page shows while the batches stream by.
type htmlPage struct {
	opts    HTMLOptions
	display *Display
	level   int          // index of _level, or -1
	shown   []int        // the columns of the table, in order
	flagOf  map[int]int  // metric column → its <metric>_outlier column
	scoreOf map[int]int  // metric column → its <metric>_score column
	bars    map[int]bool // score columns drawn as a bar
	flags   []int        // every <metric>_outlier column
	charts  []*chartData // one a chart
	rows    []htmlRow    // the rows shown
	// flaggedRows repeats the first maxFlaggedRows flagged rows above the
	// table, so that they are found without scrolling through all rows.
	flaggedRows []htmlRow
	total       int64  // rows read
	flagged     int64  // rows with at least one flag set
	buf         []byte // scratch for cell text
	rowsCap     int    // rows shown at most; negative: all
	pivot       *gridBuilder
}

// htmlRow is one row of the table.
type htmlRow struct {
	Total   bool
	Flagged bool
	Cells   []htmlCell
}

// htmlCell is one cell of the table.
type htmlCell struct {
	Text    string
	Class   string  // num, null, outlier, g (first of a pivot group), …
	Title   string  // hover text: the outlier score
	Bar     float64 // the width of a score bar in percent; 0 for none
	HasBar  bool
	Flagged bool
}

// newHTMLPage prepares the page for results of schema.
func newHTMLPage(schema *arrow.Schema, opts HTMLOptions) (*htmlPage, error) {
	d, err := NewDisplay(schema, opts.Formats, DefaultNull)
	if err != nil {
		return nil, err
	}
	p := &htmlPage{opts: opts, display: d, level: -1, flagOf: map[int]int{}, scoreOf: map[int]int{}, bars: map[int]bool{}}
	p.rowsCap = opts.MaxRows
	if p.rowsCap == 0 {
		p.rowsCap = DefaultMaxRows
	}
	p.findColumns(schema)
	if opts.Pivot != nil {
		if p.pivot, err = newGridBuilder(schema, PivotOptions{Pivot: opts.Pivot, Formats: opts.Formats, Null: DefaultNull}); err != nil {
			return nil, err
		}
	}
	for _, c := range opts.Charts {
		cd, err := newChartData(schema, c, d, opts.Formats)
		if err != nil {
			return nil, err
		}
		p.charts = append(p.charts, cd)
	}
	return p, nil
}

// findColumns finds _level, the outlier flag and score columns of each
// metric, the score columns, and the columns the table shows: all but
// _level and the flags of metrics in the result (their cells are
// highlighted instead).
func (p *htmlPage) findColumns(schema *arrow.Schema) {
	hidden := map[int]bool{}
	for i, f := range schema.Fields() {
		if f.Name == levelColumn {
			p.level, hidden[i] = i, true
		}
		metric, ok := strings.CutSuffix(f.Name, "_outlier")
		if !ok || f.Type.ID() != arrow.BOOL {
			continue
		}
		p.flags = append(p.flags, i)
		if m := schema.FieldIndices(metric); len(m) == 1 {
			p.flagOf[m[0]], hidden[i] = i, true
			if s := schema.FieldIndices(metric + "_score"); len(s) == 1 {
				p.scoreOf[m[0]] = s[0]
			}
		}
	}
	for i := range schema.Fields() {
		if !hidden[i] {
			p.shown = append(p.shown, i)
		}
	}
	for _, name := range p.opts.Scores {
		if s := schema.FieldIndices(name); len(s) == 1 {
			p.bars[s[0]] = true
		}
	}
}

// addBatch counts the rows of rec, charts all of them and formats those
// under the cap.
func (p *htmlPage) addBatch(rec arrow.RecordBatch) error {
	if err := p.display.Bind(rec); err != nil {
		return err
	}
	n := int(rec.NumRows())
	for _, c := range p.charts {
		c.addBatch(rec, p.display)
	}
	if p.pivot != nil {
		return p.pivot.add(rec)
	}
	for i := 0; i < n; i++ {
		flagged := p.rowFlagged(rec, i)
		shown := p.rowsCap < 0 || len(p.rows) < p.rowsCap
		if !flagged && !shown {
			continue
		}
		r := p.row(rec, i, flagged)
		if flagged {
			p.flagged++
			if len(p.flaggedRows) < maxFlaggedRows {
				p.flaggedRows = append(p.flaggedRows, r)
			}
		}
		if shown {
			p.rows = append(p.rows, r)
		}
	}
	p.total += int64(n)
	return nil
}

// rowFlagged reports whether any outlier flag of row i is set.
func (p *htmlPage) rowFlagged(rec arrow.RecordBatch, i int) bool {
	for _, c := range p.flags {
		if boolAt(rec.Column(c), i) {
			return true
		}
	}
	return false
}

// boolAt is the value of a Boolean array at row i, false for NULL.
func boolAt(arr arrow.Array, i int) bool {
	a, ok := arr.(*array.Boolean)
	return ok && a.IsValid(i) && a.Value(i)
}

// row formats row i of rec.
func (p *htmlPage) row(rec arrow.RecordBatch, i int, flagged bool) htmlRow {
	r := htmlRow{Flagged: flagged, Cells: make([]htmlCell, 0, len(p.shown))}
	if p.level >= 0 {
		r.Total = !p.display.IsNull(p.level, i) && floatAt(rec.Column(p.level), i) != 0
	}
	for _, c := range p.shown {
		r.Cells = append(r.Cells, p.cell(rec, c, i, r.Total))
	}
	return r
}

// cell formats the cell of column c at row i.
func (p *htmlPage) cell(rec arrow.RecordBatch, c, i int, total bool) htmlCell {
	d := p.display
	p.buf = d.AppendCell(p.buf[:0], c, i)
	cell := htmlCell{Text: string(p.buf)}
	var classes []string
	if d.Numeric(c) {
		classes = append(classes, "num")
	}
	switch {
	case d.IsNull(c, i) && total && !d.Numeric(c):
		cell.Text = "Total"
	case d.IsNull(c, i):
		classes = append(classes, "null")
	}
	if f, ok := p.flagOf[c]; ok && boolAt(rec.Column(f), i) {
		classes = append(classes, "outlier")
		cell.Flagged, cell.Title = true, p.outlierTitle(c, i)
	}
	if contains(p.flags, c) { // a flag whose metric is not in the result
		cell.Text = ""
		if boolAt(rec.Column(c), i) {
			cell.Text = "outlier"
			classes = append(classes, "flag")
		}
	}
	if p.bars[c] && !d.IsNull(c, i) {
		cell.HasBar, cell.Bar = true, clampPercent(floatAt(rec.Column(c), i))
	}
	cell.Class = strings.Join(classes, " ")
	return cell
}

// outlierTitle is the hover text of the flagged cell of metric column c at
// row i: "outlier, score -6.25", or "outlier" without a score column.
func (p *htmlPage) outlierTitle(c, i int) string {
	s, ok := p.scoreOf[c]
	if !ok || p.display.IsNull(s, i) {
		return "outlier"
	}
	return "outlier, score " + string(p.display.AppendCell(nil, s, i))
}

// contains reports whether xs holds x.
func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// clampPercent limits v to 0…100.
func clampPercent(v float64) float64 {
	return max(0, min(100, v))
}

// pageView is the data of the page template.
type pageView struct {
	Title, Description, Name string
	Params                   []Param
	RunAt, Elapsed, Database string
	Headers                  [][]headerView
	Rows                     []htmlRow
	FlaggedRows              []htmlRow
	Total, Shown, Hidden     int64
	Flagged                  int64
	HasFlags                 bool
	Charts                   []chartView
}

// headerView is one column header, spanning Span columns (0 or 1: one).
type headerView struct {
	Label string
	Num   bool
	Span  int
	Class string
}

// view builds the template data once every batch is read.
func (p *htmlPage) view() pageView {
	v := pageView{
		Title: p.opts.Title, Description: p.opts.Description, Name: p.opts.Name,
		Params: p.opts.Params, Database: p.opts.Database,
		Rows: p.rows, FlaggedRows: p.flaggedRows, Total: p.total, Shown: int64(len(p.rows)),
		Flagged: p.flagged, HasFlags: len(p.flags) > 0,
	}
	if v.Title == "" {
		v.Title = p.opts.Name
	}
	v.Hidden = v.Total - v.Shown
	if !p.opts.RunAt.IsZero() {
		v.RunAt = p.opts.RunAt.UTC().Format("2006-01-02 15:04 UTC")
	}
	if p.opts.Elapsed > 0 {
		v.Elapsed = p.opts.Elapsed.Round(time.Millisecond).String()
	}
	var headers []headerView
	for _, c := range p.shown {
		headers = append(headers, headerView{Label: p.display.Labels[c], Num: p.display.Numeric(c)})
	}
	v.Headers = [][]headerView{headers}
	if p.pivot != nil {
		p.pivotView(&v)
	}
	for _, c := range p.charts {
		v.Charts = append(v.Charts, c.render())
	}
	return v
}

// pageTemplate is the HTML page; html/template escapes every value.
var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"pct":   func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" },
	"count": func(n int64) string { return string(groupDigits(strconv.FormatInt(n, 10))) },
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return m
	},
}).Parse(pageHTML))

// groupDigits puts thousands separators into a decimal integer text.
func groupDigits(s string) []byte {
	nf := numberFormat{group: true}
	return nf.appendDecimalText(nil, []byte(s))
}
