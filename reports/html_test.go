package reports

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// evilClinic is a clinic name that must show as text and run nothing.
const evilClinic = `<img src=x onerror=alert(1)>`

// weeklyColumns is a small weekly outlier result: three clinics (one named
// evilClinic) over eight weeks, a week missing for one clinic, a NULL cost,
// one flagged value, and an efficiency score.
func weeklyColumns() []testColumn {
	clinics := []string{"Aurora", "Boulder", evilClinic}
	var clinic, flag []any
	var week, completed, vph, score, cost, eff []any
	for c, name := range clinics {
		for w := 0; w < 8; w++ {
			if c == 1 && w == 4 {
				continue // a missing period: a gap in Boulder's line
			}
			clinic = append(clinic, name)
			week = append(week, days(2025, 1, 6)+arrow.Date32(7*w))
			completed = append(completed, int64(300+40*c+w*3))
			v := 2.1 + 0.1*float64(c) + 0.01*float64(w)
			out := c == 0 && w == 5
			if out {
				v = 0.6
			}
			vph = append(vph, v)
			score = append(score, map[bool]float64{true: -6.25, false: 0.4}[out])
			flag = append(flag, out)
			eff = append(eff, float64(20+10*c+w))
			if c == 2 && w == 3 {
				cost = append(cost, nil)
			} else {
				cost = append(cost, 150.0+float64(c*20+w))
			}
		}
	}
	return []testColumn{
		{"clinic", arrow.BinaryTypes.String, clinic},
		{"week", arrow.FixedWidthTypes.Date32, week},
		{"completed", arrow.PrimitiveTypes.Int64, completed},
		{"visits_per_hour", arrow.PrimitiveTypes.Float64, vph},
		{"cost_per_visit", arrow.PrimitiveTypes.Float64, cost},
		{"visits_per_hour_score", arrow.PrimitiveTypes.Float64, score},
		{"visits_per_hour_outlier", arrow.FixedWidthTypes.Boolean, flag},
		{"efficiency", arrow.PrimitiveTypes.Float64, eff},
	}
}

func two(n int) *int { return &n }

// weeklyOptions are the HTML options of the weekly result, with one chart
// of each type.
func weeklyOptions() HTMLOptions {
	return HTMLOptions{
		Name: "weekly", Title: "Weekly <b>throughput</b>", Description: "Clinics & weeks",
		Params:   []Param{{"start", "2025-01-06"}, {"region", "<North>"}},
		RunAt:    time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Elapsed:  1500 * time.Millisecond,
		Database: "emr",
		Formats: map[string]result.Format{
			"cost_per_visit":  {Style: "currency", Currency: "USD", Decimals: two(2), Label: "Cost / visit"},
			"visits_per_hour": {Decimals: two(2), Label: "Visits / hour"},
			"week":            {Date: "YYYY-Www"},
		},
		Charts: []result.Chart{
			{Type: "line", X: "week", Y: []string{"visits_per_hour"}, Series: "clinic", Title: "Visits per hour"},
			{Type: "bar", X: "clinic", Y: []string{"completed", "efficiency"}, Stacked: true},
			{Type: "area", X: "week", Y: []string{"cost_per_visit"}, Series: "clinic"},
			{Type: "scatter", X: "completed", Y: []string{"visits_per_hour"}, Series: "clinic"},
		},
		Scores: []string{"efficiency"},
	}
}

// writeWeeklyHTML writes the weekly result as HTML with opts.
func writeWeeklyHTML(t *testing.T, mem memory.Allocator, opts HTMLOptions) string {
	t.Helper()
	var out bytes.Buffer
	if err := WriteHTML(&out, readerOfColumns(t, mem, weeklyColumns()), opts); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// nonNullPoints counts the non-NULL values of the y columns of a chart.
func nonNullPoints(cols []testColumn, ys []string) int {
	n := 0
	for _, c := range cols {
		for _, y := range ys {
			if c.name != y {
				continue
			}
			for _, v := range c.vals {
				if v != nil {
					n++
				}
			}
		}
	}
	return n
}

var chartRE = regexp.MustCompile(`(?s)<svg class="plot".*?</svg>`)

func TestHTMLChartsHaveOneMarkPerPoint(t *testing.T) {
	opts := weeklyOptions()
	page := writeWeeklyHTML(t, newChecked(t), opts)
	svgs := chartRE.FindAllString(page, -1)
	if len(svgs) != len(opts.Charts) {
		t.Fatalf("%d charts drawn, want %d", len(svgs), len(opts.Charts))
	}
	for i, c := range opts.Charts {
		want := nonNullPoints(weeklyColumns(), c.Y)
		if got := strings.Count(svgs[i], `class="mark`); got != want {
			t.Errorf("chart %d (%s): %d marks, want %d", i, c.Type, got, want)
		}
	}
	if got := strings.Count(svgs[0], `class="mark flagged"`); got != 1 {
		t.Errorf("line chart: %d flagged marks, want 1", got)
	}
	// Boulder misses a week: its line is two pieces, the others one each.
	if got := strings.Count(svgs[0], `<polyline class="line"`); got != 4 {
		t.Errorf("line chart: %d line pieces, want 4", got)
	}
	// The area chart has a NULL cost for the third clinic and Boulder's gap.
	if got := strings.Count(svgs[2], `<polygon class="area"`); got != 5 {
		t.Errorf("area chart: %d area pieces, want 5", got)
	}
}

func TestHTMLEscapesEverything(t *testing.T) {
	page := writeWeeklyHTML(t, newChecked(t), weeklyOptions())
	for _, bad := range []string{"<img", "<b>", "<North>", "onerror=alert(1)>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q unescaped", bad)
		}
	}
	for _, want := range []string{"&lt;img src=x onerror=alert(1)&gt;", "Weekly &lt;b&gt;throughput&lt;/b&gt;", "&amp;lt;North&amp;gt;"} {
		if !strings.Contains(page, want) && !strings.Contains(page, strings.ReplaceAll(want, "&amp;", "&")) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("page has a script")
	}
	if !strings.Contains(page, `http-equiv="Content-Security-Policy" content="default-src 'none';`) {
		t.Error("no Content-Security-Policy")
	}
	if m := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`).FindString(page); m != "" {
		t.Errorf("external reference %q", m)
	}
}

func TestHTMLTableShowsFormatsFlagsAndBars(t *testing.T) {
	page := writeWeeklyHTML(t, newChecked(t), weeklyOptions())
	for _, want := range []string{
		`<th class="num">Cost / visit</th>`,
		`<td class="num">$150.00</td>`,
		`<td class="num null">–</td>`,
		`<td class="num outlier" title="outlier, score -6.25">0.60</td>`,
		`<td>2025-W02</td>`,
		`<h2>Flagged rows</h2>`,
		`<span class="bar" style="width: 20.0%"></span><span class="v">20</span>`,
		`1 of 23 rows flagged as outliers`,
		`<dt>database</dt><dd>emr</dd>`,
		`<dd>2026-01-02 03:04 UTC</dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
}

func TestHTMLMaxRowsCapsTableNotCharts(t *testing.T) {
	opts := weeklyOptions()
	opts.MaxRows = 5
	page := writeWeeklyHTML(t, newChecked(t), opts)
	_, all, _ := strings.Cut(page, "<h2>All rows</h2>")
	if got := strings.Count(all, "<tr") - 1; got != 5 {
		t.Errorf("%d rows shown, want 5", got)
	}
	_, flaggedPart, _ := strings.Cut(page, "<h2>Flagged rows</h2>")
	flaggedPart, _, _ = strings.Cut(flaggedPart, "<figure")
	if got := strings.Count(flaggedPart, `<tr class="flagged">`); got != 1 {
		t.Errorf("%d rows listed as flagged, want 1", got)
	}
	if strings.Contains(page, "visits_per_hour_outlier") {
		t.Error("the flag column of a metric in the result is shown")
	}
	if !strings.Contains(page, "Showing the first 5 of 23 rows: 18 rows are left out") {
		t.Error("no line about the rows left out")
	}
	svgs := chartRE.FindAllString(page, -1)
	if got, want := strings.Count(svgs[0], `class="mark`), nonNullPoints(weeklyColumns(), []string{"visits_per_hour"}); got != want {
		t.Errorf("capped page's chart has %d marks, want %d", got, want)
	}
}

func TestHTMLTotalsRows(t *testing.T) {
	cols := []testColumn{
		{"region", arrow.BinaryTypes.String, []any{"North", "South", nil}},
		{"_level", arrow.PrimitiveTypes.Int32, []any{int32(0), int32(0), int32(1)}},
		{"visits", arrow.PrimitiveTypes.Int64, []any{int64(1200), int64(800), int64(2000)}},
	}
	var out bytes.Buffer
	if err := WriteHTML(&out, readerOfColumns(t, newChecked(t), cols), HTMLOptions{Name: "totals"}); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	if !strings.Contains(page, `<tr class="total"><td>Total</td><td class="num">2,000</td></tr>`) {
		t.Errorf("no totals row in\n%s", page)
	}
	if strings.Contains(page, "_level") {
		t.Error("the _level column is shown")
	}
}

func TestTimeTicks(t *testing.T) {
	lo, hi := float64(days(2024, 1, 1)), float64(days(2025, 12, 28))
	ticks := timeTicks(lo, hi, 8, "")
	if len(ticks) == 0 || len(ticks) > 8 || ticks[0].label != "Jan 2024" {
		t.Fatalf("ticks %v", ticks)
	}
	for i := 1; i < len(ticks); i++ {
		if d := ticks[i].at - ticks[i-1].at; d < 89 || d > 92 {
			t.Errorf("quarter ticks %v apart", d)
		}
	}
	if n := numberTicks(0, 1, 0.2, arrow.PrimitiveTypes.Float64, result.Format{Style: "percent"}); n[1].label != "20.0%" && n[1].label != "20%" {
		t.Errorf("percent ticks %v", n)
	}
	if s := niceStep(math.NaN(), 5); s != 1 {
		t.Errorf("niceStep(NaN) = %v", s)
	}
}

// TestHTMLGolden compares the page of the weekly result with
// testdata/weekly.html (go test ./reports -run Golden -update rewrites it).
func TestHTMLGolden(t *testing.T) {
	page := writeWeeklyHTML(t, newChecked(t), weeklyOptions())
	path := filepath.Join("testdata", "weekly.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if page != string(want) {
		t.Errorf("page differs from %s (rerun with -update and review the diff)", path)
	}
}
