package reports

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
)

// TestFormattedCSV: the header holds the labels, every cell is the display
// text the table and the HTML report show (so commas inside money stay in
// one quoted field), NULL is empty unless the format says otherwise, and
// the raw CSV of the same rows is untouched by the formats.
func TestFormattedCSV(t *testing.T) {
	cols := []testColumn{
		{name: "clinic", typ: arrow.BinaryTypes.String, vals: []any{"Aurora", `Say "hi", Ltd`, nil}},
		{name: "week", typ: arrow.FixedWidthTypes.Date32, vals: []any{days(2025, 10, 6), days(2025, 10, 13), nil}},
		{name: "cost", typ: arrow.PrimitiveTypes.Float64, vals: []any{1234.5, -12.0, nil}},
		{name: "share", typ: arrow.PrimitiveTypes.Float64, vals: []any{0.1234, 1.0, nil}},
		{name: "visits", typ: arrow.PrimitiveTypes.Int64, vals: []any{int64(12345), int64(0), nil}},
	}
	na := "n/a"
	formats := map[string]result.Format{
		"week":   {Date: "DD MMM YYYY", Label: "Week of"},
		"cost":   {Style: "currency", Currency: "USD", Decimals: decimals(2), Label: "Cost, total"},
		"share":  {Style: "percent", Decimals: decimals(1)},
		"visits": {Null: &na},
	}
	mem := newChecked(t)
	var out bytes.Buffer
	if err := WriteFormattedCSV(&out, readerOfColumns(t, mem, cols), formats); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out.String())
	}
	want := [][]string{
		{"clinic", "Week of", "Cost, total", "share", "visits"},
		{"Aurora", "06 Oct 2025", "$1,234.50", "12.3%", "12,345"},
		{`Say "hi", Ltd`, "13 Oct 2025", "-$12.00", "100.0%", "0"},
		{"", "", "", "", "n/a"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), out.String())
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
	// The same cells as the display formatter gives the table and HTML.
	for c, col := range cols {
		got := cells(t, col, formats[col.name], "")
		for i := range got {
			if rows[i+1][c] != got[i] {
				t.Errorf("column %s row %d: csv %q, display %q", col.name, i, rows[i+1][c], got[i])
			}
		}
	}
	var raw bytes.Buffer
	if err := WriteCSV(&raw, readerOfColumns(t, mem, cols)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw.String(), "$") || !strings.Contains(raw.String(), "1234.5") {
		t.Errorf("the raw CSV took the formats:\n%s", raw.String())
	}
}
