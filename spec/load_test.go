package spec

import (
	"strings"
	"testing"
)

func TestLoadSingleSource(t *testing.T) {
	src := `report: r
params:
  start: {type: date, default: 2025-01-01}
  ids: {type: list<int>, optional: true}
from: visits v
joins:
  c: {table: clinics, kind: left, on: c.id = v.clinic_id}
where:
  - v.day >= :start
dimensions:
  clinic: c.name
measures:
  n: count(*)
  done: {expr: count(*), where: v.status = 'completed'}
order: [n desc nulls first, clinic]
limit: 10
`
	r, ds := Load("r.yaml", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	s := r.Sources[0]
	if r.Name.Value != "r" || s.From.Alias.Value != "v" || s.Joins[0].Kind.Value != "left" || len(s.Measures) != 2 ||
		s.Measures[1].Where == nil || !r.Params[1].Type.List || r.Limit.N != 10 || !r.Order[0].Desc || !*r.Order[0].NullsFirst {
		t.Fatalf("unexpected tree: %+v", r)
	}
	if line, col := r.File.Position(s.Where[0].Pos().Start); line != 9 || col != 5 {
		t.Errorf("where entry at %d:%d, want 9:5", line, col)
	}
}

func TestLoadDiagnostics(t *testing.T) {
	cases := []struct{ src, want string }{
		{"report: r\nfrom: visits v\nmeasures:\n  p: {expr: percentile(v.x, 0.9), where: v.y = 1}\n", "a comma inside {…} ends the value"},
		{"report: R\nfrom: t\ndimensions: {a: t.x}\n", `report name "R" must be lower case`},
		{"report: r\ndimensions: {a: x}\n", "missing `from:`"},
		{"report: r\nfrom: t\ncharts:\n  - {type: pie, x: a}\n", "a chart needs `y:`"},
		{"report: r\nfrom: t\nlimt: 3\n", `unknown key "limt" in the report (did you mean "limit"?)`},
		{"report: r\nfrom: t\nparams:\n  a: {type: lst<int>}\n", `unknown param type "lst<int>"`},
		{"report: r\nfrom: t\norder: [a sideways]\n", "expected `name [asc|desc] [nulls first|last]`"},
		{"report: [\n", "invalid YAML"},
		{"", "the spec is empty"},
	}
	for _, c := range cases {
		_, ds := Load("r.yaml", []byte(c.src))
		if !ds.HasErrors() || !strings.Contains(ds.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %q", c.src, ds, c.want)
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("report: r\nfrom: visits v\ndimensions: {a: v.x}\nmeasures: {n: count(*)}\n"))
	f.Add([]byte("report: r\nsources:\n  a: {from: t}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r, ds := Load("f.yaml", src)
		if r == nil && !ds.HasErrors() {
			t.Fatal("no report and no error")
		}
		var b strings.Builder
		ds.Format(&b)
	})
}

func TestLoadQuotedTableNames(t *testing.T) {
	src := "report: r\nfrom: '\"My Schema\".\"Order \"\"Lines\"\"\" ol'\njoins:\n  c: {table: '\"Clients\"', on: c.id = ol.client_id}\ndimensions: {x: ol.x}\n"
	r, ds := Load("r.yaml", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	f := r.Sources[0].From
	if f.Schema.Value != "My Schema" || f.Table.Value != `Order "Lines"` || f.Alias.Value != "ol" {
		t.Errorf("from: %+v", f)
	}
	if j := r.Sources[0].Joins[0].Table; j.Table.Value != "Clients" || j.Schema.Value != "" {
		t.Errorf("join table: %+v", j)
	}
	_, ds = Load("r.yaml", []byte("report: r\nfrom: '\"unclosed t'\ndimensions: {x: t.x}\n"))
	if !ds.HasErrors() || !strings.Contains(ds.Error(), "expected `table` or `table alias`") {
		t.Errorf("unclosed quote: %v", ds)
	}
}

func TestLongLineIsCut(t *testing.T) {
	expr := strings.Repeat("a + ", 200) + "?"
	_, ds := Load("r.yaml", []byte("report: r\nfrom: t\ndimensions:\n  x: "+expr+"\n"))
	var b strings.Builder
	ds.Format(&b)
	lines := strings.Split(b.String(), "\n")
	if len(lines) < 3 || len([]rune(lines[1])) > maxShown+10 || !strings.HasPrefix(strings.TrimSpace(lines[1]), "…") {
		t.Fatalf("long line not cut:\n%s", b.String())
	}
	caret := strings.IndexRune(lines[2], '^')
	if caret < 0 || caret >= len([]rune(lines[1])) || []rune(lines[1])[caret] != '?' {
		t.Errorf("caret not under the culprit (caret %d, runes %d):\n%s\n%s", caret, len([]rune(lines[1])), lines[1], lines[2])
	}
}

func TestLoadRollupAndTimezone(t *testing.T) {
	src := "report: r\ntimezone: America/Denver\nfrom: t\ndimensions: {a: t.a, b: t.b}\nmeasures: {n: count(*)}\ntotals: {rollup: [a, b]}\n"
	r, ds := Load("r.yaml", []byte(src))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	if r.Timezone.Value != "America/Denver" || r.Totals == nil || !r.Totals.Rollup || len(r.Totals.Dims) != 2 || r.Totals.Dims[1].Value != "b" {
		t.Fatalf("unexpected tree: timezone %q, totals %+v", r.Timezone.Value, r.Totals)
	}
	for _, c := range []struct{ src, want string }{
		{"report: r\ntimezone: Mars/Olympus\nfrom: t\n", `unknown timezone "Mars/Olympus"`},
		{"report: r\ntimezone: Local\nfrom: t\n", `unknown timezone "Local"`},
		{"report: r\nfrom: t\ntotals: {roll: [a]}\n", "totals as a mapping needs `rollup:`"},
	} {
		_, ds := Load("r.yaml", []byte(c.src))
		if !ds.HasErrors() || !strings.Contains(ds.Error(), c.want) {
			t.Errorf("%q: want %q in\n%v", c.src, c.want, ds)
		}
	}
}
