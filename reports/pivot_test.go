package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"github.com/assay-dev/assay/compiler/result"
)

var (
	str  = arrow.BinaryTypes.String
	i64  = arrow.PrimitiveTypes.Int64
	f64  = arrow.PrimitiveTypes.Float64
	date = arrow.FixedWidthTypes.Date32
)

// weekly is a small clinic × week result: B has no row for the first
// week (a missing combination) and one NULL measure.
func weekly() []testColumn {
	w1, w2, w3 := days(2025, 1, 6), days(2025, 1, 13), days(2025, 1, 20)
	return []testColumn{
		{"clinic", str, []any{"B", "A", "A", "B", "A", "B"}},
		{"week", date, []any{w2, w1, w2, w3, w3, nil}},
		{"visits", i64, []any{int64(3), int64(1), int64(2), int64(1500), int64(4), int64(7)}},
		{"cost", f64, []any{2.5, 10.0, nil, 1.125, 3.0, 9.0}},
	}
}

func pivotOn(values ...string) *result.Pivot {
	return &result.Pivot{Column: "week", Values: values, MaxColumns: 200, Rows: []string{"clinic"},
		ColumnOrder: result.SortKey{Name: "week"}, RowOrder: []result.SortKey{{Name: "clinic"}}}
}

func TestPivotTableOneValue(t *testing.T) {
	mem := newChecked(t)
	var out bytes.Buffer
	opts := TableOptions{Pivot: pivotOn("visits"), Formats: map[string]result.Format{"week": {Date: "DD MMM", Null: ptr("no week")}}}
	if err := WriteTable(&out, readerOfColumns(t, mem, weekly()), opts); err != nil {
		t.Fatal(err)
	}
	want := ` clinic | 06 Jan | 13 Jan | 20 Jan | no week
--------+--------+--------+--------+---------
 A      |      1 |      2 |      4 |
 B      |        |      3 |  1,500 |       7
(2 rows)
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestPivotDescendingNullsFirst(t *testing.T) {
	mem := newChecked(t)
	pv := pivotOn("visits")
	pv.ColumnOrder = result.SortKey{Name: "week", Desc: true, NullsFirst: true}
	pv.RowOrder = []result.SortKey{{Name: "clinic", Desc: true}}
	var out bytes.Buffer
	if err := WritePivotCSV(&out, readerOfColumns(t, mem, weekly()), PivotOptions{Pivot: pv}); err != nil {
		t.Fatal(err)
	}
	want := "clinic,,2025-01-20,2025-01-13,2025-01-06\nB,7,\"1,500\",3,\nA,,4,2,1\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// withTotals is weekly with totals: [clinic, week] rows added as the
// query makes them (_level counts the rolled-up dimensions).
func withTotals() []testColumn {
	cols := weekly()[:2]
	w1, w2 := days(2025, 1, 6), days(2025, 1, 13)
	cols[0].vals = []any{"A", "A", "B", "A", nil, nil, nil, "B"}
	cols[1].vals = []any{w1, w2, w2, nil, w1, w2, nil, nil}
	return append(cols,
		testColumn{"_level", i64, []any{int64(0), int64(0), int64(0), int64(1), int64(1), int64(1), int64(2), int64(1)}},
		testColumn{"visits", i64, []any{int64(1), int64(2), int64(3), int64(3), int64(1), int64(5), int64(6), int64(3)}},
		testColumn{"cost", f64, []any{10.0, 5.0, 2.5, 6.6667, 10.0, 3.5, 4.5, 2.5}},
	)
}

func TestPivotSeveralValuesAndTotals(t *testing.T) {
	mem := newChecked(t)
	pv := pivotOn("visits", "cost")
	pv.Totals = []string{"clinic", "week"}
	formats := map[string]result.Format{"cost": {Style: "currency", Currency: "USD", Label: "Cost"}, "visits": {Label: "Visits"}}
	var out bytes.Buffer
	if err := WritePivotCSV(&out, readerOfColumns(t, mem, withTotals()), PivotOptions{Pivot: pv, Formats: formats}); err != nil {
		t.Fatal(err)
	}
	want := `,2025-01-06,2025-01-06,2025-01-13,2025-01-13,Total,Total
clinic,Visits,Cost,Visits,Cost,Visits,Cost
A,1,$10.00,2,$5.00,3,$6.67
B,,,3,$2.50,3,$2.50
Total,1,$10.00,5,$3.50,6,$4.50
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	out.Reset()
	if err := WriteTable(&out, readerOfColumns(t, mem, withTotals()), TableOptions{Pivot: pv, Formats: formats}); err != nil {
		t.Fatal(err)
	}
	wantTable := `        |      2025-01-06 |     2025-01-13 |          Total
 clinic | Visits |   Cost | Visits |  Cost | Visits |  Cost
--------+--------+--------+--------+-------+--------+-------
 A      |      1 | $10.00 |      2 | $5.00 |      3 | $6.67
 B      |        |        |      3 | $2.50 |      3 | $2.50
 Total  |      1 | $10.00 |      5 | $3.50 |      6 | $4.50
(3 rows)
`
	if out.String() != wantTable {
		t.Errorf("got\n%s\nwant\n%s", out.String(), wantTable)
	}
}

func TestPivotGridModel(t *testing.T) {
	mem := newChecked(t)
	pv := pivotOn("visits", "cost")
	pv.Totals = []string{"clinic", "week"}
	g, err := BuildGrid(readerOfColumns(t, mem, withTotals()), PivotOptions{Pivot: pv, Null: DefaultNull})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Header) != 2 || g.Header[0][0].Span != 1 || g.Header[0][1].Span != 2 || g.Header[0][3].Text != TotalText {
		t.Errorf("header %+v", g.Header)
	}
	if len(g.Columns) != 7 || !g.Columns[0].Key || g.Columns[1].Group != 0 || !g.Columns[6].Total || g.Columns[6].Name != "cost" {
		t.Errorf("columns %+v", g.Columns)
	}
	if pvv, ok := g.Columns[1].PivotValue.(time.Time); !ok || !pvv.Equal(time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("pivot value %#v", g.Columns[1].PivotValue)
	}
	b := g.Rows[1]
	if b.Total || b.Cells[1].Kind != CellMissing || b.Cells[1].Text != "" || b.Cells[3].Value != int64(3) || b.Cells[4].Value != 2.5 {
		t.Errorf("row B %+v", b)
	}
	total := g.Rows[2]
	if !total.Total || total.Cells[0].Kind != CellTotal || total.Cells[0].Text != TotalText || total.Cells[5].Value != int64(6) {
		t.Errorf("total row %+v", total)
	}
	if g.SourceRows != 8 {
		t.Errorf("source rows %d", g.SourceRows)
	}
}

func TestPivotTypedDecimalAndFlags(t *testing.T) {
	mem := newChecked(t)
	dec := &arrow.Decimal128Type{Precision: 10, Scale: 2}
	cols := []testColumn{
		{"clinic", str, []any{"A", "B"}},
		{"week", date, []any{days(2025, 1, 6), days(2025, 1, 6)}},
		{"charge", dec, []any{decimal128.FromI64(-1250), nil}},
		{"charge_score", f64, []any{-6.25, nil}},
		{"charge_outlier", arrow.FixedWidthTypes.Boolean, []any{true, nil}},
	}
	g, err := BuildGrid(readerOfColumns(t, mem, cols), PivotOptions{Pivot: pivotOn("charge")})
	if err != nil {
		t.Fatal(err)
	}
	a, b := g.Rows[0].Cells[1], g.Rows[1].Cells[1]
	if a.Value != Decimal("-12.50") || a.Text != "-12.50" || !a.Outlier || a.Score != "-6.25" || !g.Rows[0].Flagged || g.FlaggedRows != 1 || !g.HasFlags {
		t.Errorf("flagged decimal cell %+v (flagged rows %d)", a, g.FlaggedRows)
	}
	if b.Kind != CellNull || b.Outlier || b.Value != nil {
		t.Errorf("NULL cell %+v", b)
	}
	var out bytes.Buffer
	if err := WriteTable(&out, readerOfColumns(t, mem, cols), TableOptions{Pivot: pivotOn("charge")}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "-12.50 *") || !strings.Contains(out.String(), "* marks an outlier") {
		t.Errorf("the table does not mark the outlier:\n%s", out.String())
	}
}

func TestPivotTooManyColumnsWritesNothing(t *testing.T) {
	mem := newChecked(t)
	pv := pivotOn("visits")
	pv.MaxColumns = 3 // three weeks and NULL: four columns
	writers := map[string]func(*bytes.Buffer) error{
		"table": func(w *bytes.Buffer) error {
			return WriteTable(w, readerOfColumns(t, mem, weekly()), TableOptions{Pivot: pv})
		},
		"csv": func(w *bytes.Buffer) error {
			return WritePivotCSV(w, readerOfColumns(t, mem, weekly()), PivotOptions{Pivot: pv})
		},
		"html": func(w *bytes.Buffer) error {
			return WriteHTML(w, readerOfColumns(t, mem, weekly()), HTMLOptions{Pivot: pv})
		},
	}
	for name, write := range writers {
		var out bytes.Buffer
		err := write(&out)
		if !errors.Is(err, ErrPivotTooWide) || !strings.Contains(err.Error(), `"week" has more than 3 distinct values`) {
			t.Errorf("%s: err = %v", name, err)
		}
		if out.Len() != 0 {
			t.Errorf("%s wrote %d bytes before failing", name, out.Len())
		}
	}
}

func TestPivotAmbiguousSubtotal(t *testing.T) {
	mem := newChecked(t)
	cols := []testColumn{
		{"clinic", str, []any{nil}},
		{"week", date, []any{nil}},
		{"_level", i64, []any{int64(1)}},
		{"visits", i64, []any{int64(1)}},
	}
	pv := pivotOn("visits")
	pv.Totals = []string{"clinic", "week"}
	if _, err := BuildGrid(readerOfColumns(t, mem, cols), PivotOptions{Pivot: pv}); !errors.Is(err, ErrPivotRows) {
		t.Errorf("err = %v", err)
	}
	pv.Totals = []string{"week"} // a real NULL week, kept by the subtotal per week
	g, err := BuildGrid(readerOfColumns(t, mem, cols), PivotOptions{Pivot: pv, Null: "n/a"})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) != 1 || !g.Rows[0].Total || g.Columns[1].PivotText != "n/a" || g.Columns[1].Total {
		t.Errorf("grid %+v", g)
	}
}

func TestPivotHTML(t *testing.T) {
	mem := newChecked(t)
	pv := pivotOn("visits", "cost")
	pv.Totals = []string{"clinic", "week"}
	var out bytes.Buffer
	if err := WriteHTML(&out, readerOfColumns(t, mem, withTotals()), HTMLOptions{Name: "p", Pivot: pv}); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	for _, want := range []string{
		`<thead><tr><th class="corner"></th><th colspan="2" class="grp g">2025-01-06</th><th colspan="2" class="grp g">2025-01-13</th><th colspan="2" class="grp g">Total</th></tr><tr><th>clinic</th><th class="num g">visits</th><th class="num">cost</th>`,
		`<tr class="total"><td>Total</td><td class="num g">1</td>`,
		`<td class="num g"></td><td class="num"></td>`, // B has no row for the first week
		`<dt>rows</dt><dd>3</dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestPivotMaxRowsCapsPivotedRows(t *testing.T) {
	mem := newChecked(t)
	var out bytes.Buffer
	if err := WriteTable(&out, readerOfColumns(t, mem, weekly()), TableOptions{Pivot: pivotOn("visits"), MaxRows: 1}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasSuffix(got, " A      |          1 |          2 |          4 |\n(2 rows, 1 not shown)\n") {
		t.Errorf("got\n%s", got)
	}
	out.Reset()
	if err := WriteHTML(&out, readerOfColumns(t, mem, weekly()), HTMLOptions{Pivot: pivotOn("visits"), MaxRows: 1}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); strings.Count(got, "<td>B</td>") != 0 || !strings.Contains(got, "Showing the first 1 of 2 rows") {
		t.Errorf("the page does not cap the pivoted rows:\n%s", got)
	}
}
