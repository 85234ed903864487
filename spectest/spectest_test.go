package spectest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/spec"
)

// loadText writes src as a test file and loads it.
func loadText(t *testing.T, src string) (*File, spec.Diagnostics) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.test.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return Load(path)
}

func TestLoadDiagnostics(t *testing.T) {
	_, ds := loadText(t, `tests:
  - name: a
    expect: []
    expect_error: fan-out
  - name: a
    expext: []
  - params: {x: 1}
    expect: []
  - name: b
    given: {visits: {id: 1}}
    expect: []
`)
	var got []string
	for _, d := range ds {
		line, col := d.Span.File.Position(d.Span.Start)
		got = append(got, strings.Join([]string{itoa(line), itoa(col), string(d.Code)}, ":"))
	}
	want := []string{
		"4:19:shape",         // expect and expect_error
		"5:5:duplicate-name", // a twice
		"5:11:missing-key",   // case 2 has neither expect nor expect_error
		"6:5:unknown-key",    // expext
		"7:5:missing-key",    // no name
		"10:21:shape",        // rows are a list
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("diagnostics:\n got %v\nwant %v\n%s", got, want, ds.Error())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLoadCase(t *testing.T) {
	f, ds := loadText(t, `tests:
  - name: c
    spec: other.yaml
    today: 2025-11-05
    params: {start: 2025-10-06, ids: [1, 2]}
    given:
      visits:
        - {id: 1}
    expect: # nothing
`)
	if ds.HasErrors() {
		t.Fatal(ds.Error())
	}
	c := f.Cases[0]
	if c.Spec != filepath.Join(filepath.Dir(f.Path), "other.yaml") || c.Today.Value != "2025-11-05" || len(c.Params) != 2 || len(c.Given) != 1 || c.Expect == nil || len(c.Expect.Content) != 0 {
		t.Errorf("case = %+v", c)
	}
	if text, err := paramText(c.Params[1].Value); err != nil || text != "1,2" {
		t.Errorf("list param = %q, %v", text, err)
	}
	if SpecOf("reports/x.test.yaml") != "reports/x.yaml" {
		t.Error("SpecOf")
	}
}

func scalar(s string) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("v: "+s), &n); err != nil {
		panic(err)
	}
	return n.Content[0].Content[1]
}

func TestFixtureText(t *testing.T) {
	denver, _ := time.LoadLocation("America/Denver")
	dec := catalog.Type{Kind: catalog.Decimal, Precision: 4, Scale: 2}
	cases := []struct {
		value string
		typ   catalog.Type
		want  any // a string, nil, or an error fragment prefixed with "!"
	}{
		{"12", catalog.Of(catalog.Int32), "12"},
		{"3000000000", catalog.Of(catalog.Int32), "!3000000000 is out of range for a 32-bit integer (-2147483648 to 2147483647)"},
		{"-40000", catalog.Of(catalog.Int16), "!out of range for a 16-bit integer"},
		{"seven", catalog.Of(catalog.Int32), "!\"seven\" is not a whole number"},
		{"x", catalog.Of(catalog.Float64), "!\"x\" is not a number"},
		{"3000000000", catalog.Of(catalog.Int64), "3000000000"},
		{"1.5", catalog.Of(catalog.Int64), "!\"1.5\" is not a whole number"},
		{"null", catalog.Of(catalog.Int64), nil},
		{"~", catalog.Of(catalog.Text), nil},
		{"'null'", catalog.Of(catalog.Text), "null"},
		{"12.5", dec, "12.50"},
		{"12.345", dec, "!more than 2 decimal places"},
		{"123.4", dec, "!too large"},
		{"-99.99", dec, "-99.99"},
		{"abc", dec, "!not a decimal"},
		{"2025-10-06", catalog.Of(catalog.Date), "2025-10-06"},
		{"2025-13-06", catalog.Of(catalog.Date), "!not a date"},
		{"2025-10-06 08:30:00", catalog.Of(catalog.TimestampTZ), "2025-10-06 08:30:00-06:00"},
		{"2025-10-06T08:30:00Z", catalog.Of(catalog.TimestampTZ), "2025-10-06 08:30:00+00:00"},
		{"2025-10-06 08:30:00.25", catalog.Of(catalog.Timestamp), "2025-10-06 08:30:00.25"},
		{"yes", catalog.Of(catalog.Bool), "!not true or false"},
		{"TRUE", catalog.Of(catalog.Bool), "true"},
		{"[1]", catalog.Of(catalog.Text), "!single value"},
	}
	for _, c := range cases {
		got, err := fixtureText(scalar(c.value), c.typ, denver)
		if w, ok := c.want.(string); ok && strings.HasPrefix(w, "!") {
			if err == nil || !strings.Contains(err.Error(), w[1:]) {
				t.Errorf("%s as %s: err = %v, want %q", c.value, c.typ, err, w[1:])
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s as %s = %v, %v; want %v", c.value, c.typ, got, err, c.want)
		}
	}
}

// testActual is a small result: clinic (text), n (int), rate (float),
// amount (decimal), day (date).
func testActual(rows ...[]string) *actual {
	a := &actual{cols: []string{"clinic", "n", "rate", "amount", "day"}, kinds: []valueKind{kindText, kindInt, kindFloat, kindDecimal, kindDate}}
	for _, r := range rows {
		row := make([]cell, len(r))
		for i, v := range r {
			row[i] = cell{text: v, null: v == "NULL"}
		}
		a.rows = append(a.rows, row)
	}
	return a
}

func expectNode(t *testing.T, src string) (*spec.File, *yaml.Node) {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return spec.NewFile("x.test.yaml", []byte(src)), doc.Content[0]
}

func TestCompare(t *testing.T) {
	act := testActual(
		[]string{"Aurora", "3", "0.3333333333333333", "155.50", "2025-10-06"},
		[]string{"Boulder", "1", "NULL", "30", "2025-10-13"},
	)
	cases := []struct {
		name    string
		expect  string
		ordered bool
		diff    []string
	}{
		{"unordered match, listed columns only", `
- {clinic: Boulder, rate: null}
- {clinic: Aurora, n: 3, rate: 0.333333333333333, amount: 155.5, day: 2025-10-06}`, false, nil},
		{"ordered rows must follow the order", `
- {clinic: Boulder}
- {clinic: Aurora}`, true, []string{
			"line 2: out of order: row {clinic: Boulder} comes at result row 2"}},
		{"changed, missing and unexpected", `
- {clinic: Aurora, n: 4, amount: 155.51}
- {clinic: Cortez, n: 9}`, false, []string{
			"line 2: changed row {clinic: Aurora, n: 4, amount: 155.51}",
			"    n: expected 4, got 3", "    amount: expected 155.51, got 155.50",
			"line 3: missing row {clinic: Cortez, n: 9}",
			"unexpected row {clinic: Boulder, n: 1, amount: 30}"}},
		{"null is not zero, floats beyond 1e-9 differ", `
- {clinic: Boulder, rate: 0}
- {clinic: Aurora, rate: 0.3333}`, false, []string{
			"line 2: changed row {clinic: Boulder, rate: 0}", "    rate: expected 0, got null",
			"line 3: changed row {clinic: Aurora, rate: 0.3333}", "    rate: expected 0.3333, got 0.3333333333333333"}},
		{"ordered: extra result rows", `
- {clinic: Aurora}`, true, []string{"unexpected row (result row 2) {clinic: Boulder}"}},
	}
	for _, c := range cases {
		f, n := expectNode(t, c.expect)
		diff, ds := compare(f, n, act, c.ordered, time.UTC)
		if ds.HasErrors() {
			t.Fatalf("%s: %v", c.name, ds)
		}
		if strings.Join(diff, "\n") != strings.Join(c.diff, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", c.name, diff, c.diff)
		}
	}
}

// TestCompareOrderedAlignment: with an order, one missing or extra row
// does not make every later row look changed.
func TestCompareOrderedAlignment(t *testing.T) {
	act := testActual(
		[]string{"Aurora", "3", "0.5", "1", "2025-10-06"},
		[]string{"Boulder", "1", "0.5", "2", "2025-10-06"},
		[]string{"Cortez", "2", "0.5", "3", "2025-10-06"},
		[]string{"Durango", "4", "0.5", "4", "2025-10-06"},
	)
	cases := []struct{ expect, diff string }{
		{"- {clinic: Aurora}\n- {clinic: Cortez}\n- {clinic: Durango}",
			"unexpected row (result row 2) {clinic: Boulder}"},
		{"- {clinic: Aurora}\n- {clinic: Xavier}\n- {clinic: Boulder}\n- {clinic: Cortez}\n- {clinic: Durango}",
			"line 3: missing row {clinic: Xavier}"},
		{"- {clinic: Aurora, n: 3}\n- {clinic: Boulder, n: 5}\n- {clinic: Cortez, n: 2}\n- {clinic: Durango, n: 4}",
			"line 3: changed row {clinic: Boulder, n: 5}\n    n: expected 5, got 1"},
		{"- {clinic: Aurora}\n- {clinic: Boulder}\n- {clinic: Durango}\n- {clinic: Cortez}",
			"line 4: out of order: row {clinic: Durango} comes at result row 4"},
		{"- {clinic: Aurora}\n- {clinic: Zed}\n- {clinic: Durango}",
			"line 3: missing row {clinic: Zed}\nunexpected row (result row 2) {clinic: Boulder}\nunexpected row (result row 3) {clinic: Cortez}"},
	}
	for _, c := range cases {
		f, n := expectNode(t, "\n"+c.expect)
		diff, ds := compare(f, n, act, true, time.UTC)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		if got := strings.Join(diff, "\n"); got != c.diff {
			t.Errorf("%s:\n got %s\nwant %s", c.expect, got, c.diff)
		}
	}
}

func TestCompareBadExpectation(t *testing.T) {
	f, n := expectNode(t, "- {clinc: Aurora, n: many, day: 2025-10-32}\n")
	_, ds := compare(f, n, testActual(), false, time.UTC)
	got := ds.Error()
	for _, w := range []string{
		`x.test.yaml:1:4: error: the result has no column "clinc" (did you mean "clinic"?)`,
		`x.test.yaml:1:22: error: expected n: "many" is not a number`,
		`x.test.yaml:1:33: error: expected day: "2025-10-32" is not a date`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, got)
		}
	}
}

func TestFloatsClose(t *testing.T) {
	if !floatsClose(1e20, 1e20+1e10) || floatsClose(1, 1+1e-8) || !floatsClose(0, 0) || floatsClose(0, 1e-300) {
		t.Error("floatsClose")
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "a.test.yaml", "b.yaml", "sub/c.test.yaml", ".hidden/d.test.yaml"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j := func(n string) string { return filepath.Join(dir, n) }
	files, untested, err := Discover([]string{dir, j("a.yaml"), j("b.yaml"), j("*.test.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(files, " ") != j("a.test.yaml")+" "+j("sub/c.test.yaml") || strings.Join(untested, " ") != j("b.yaml") {
		t.Errorf("files %v, untested %v", files, untested)
	}
	if _, _, err := Discover([]string{j("none*.yaml")}); err == nil {
		t.Error("a glob that matches nothing is not an error")
	}
	if _, _, err := Discover([]string{j("a.txt")}); err == nil {
		t.Error("a missing path is not an error")
	}
}
