package compiler

import (
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// testCatalog is a small clinic schema for table tests; the end-to-end
// tests in cmd/assay use catalogs reflected from real databases.
func testCatalog() *catalog.Catalog {
	i32, text, date := catalog.Of(catalog.Int32), catalog.Of(catalog.Text), catalog.Of(catalog.Date)
	money := catalog.Type{Kind: catalog.Decimal, Precision: 10, Scale: 2}
	cat := catalog.New("public")
	cat.Add(&catalog.Table{Schema: "public", Name: "visits", PrimaryKey: []string{"id"}, Columns: []*catalog.Column{
		{Name: "id", Type: i32}, {Name: "clinic_id", Type: i32}, {Name: "patient_id", Type: i32},
		{Name: "day", Type: date}, {Name: "status", Type: text}, {Name: "charge", Type: money}, {Name: "wait_minutes", Type: i32}}})
	cat.Add(&catalog.Table{Schema: "public", Name: "clinics", PrimaryKey: []string{"id"}, Columns: []*catalog.Column{
		{Name: "id", Type: i32}, {Name: "name", Type: text}, {Name: "region", Type: text}}})
	return cat
}

func compile(t *testing.T, src string) (*Plan, spec.Diagnostics) {
	t.Helper()
	r, ds := spec.Load("r.yaml", []byte(src))
	if ds.HasErrors() {
		return nil, ds
	}
	p, cds := Compile(r, testCatalog())
	return p, append(ds, cds...)
}

const base = "report: r\nfrom: visits v\njoins:\n  c: {table: clinics, on: c.id = v.clinic_id}\n"

func TestCompileErrors(t *testing.T) {
	cases := []struct{ body, want string }{
		{"dimensions: {x: v.dya}\n", `r.yaml:5:17: error: unknown column "dya" in visits (alias v) (did you mean "day"?) [unknown-column]`},
		{"dimensions: {x: id}\n", `ambiguous-column`},
		{"dimensions: {x: q.id}\n", `unknown alias "q"`},
		{"measures: {x: v.charge}\n", `not-aggregated`},
		{"measures: {x: sum(max(v.charge))}\n", `nested-aggregate`},
		{"where: [count(*) > 1]\ndimensions: {x: v.day}\n", `aggregate-here`},
		{"dimensions: {x: v.day + 'a'}\n", `to join text write a || b`},
		{"where: [v.day = 3]\ndimensions: {x: v.day}\n", `cannot compare a date value with an int64 value`},
		{"dimensions: {x: v.day}\nmeasures: {x: count(*)}\n", `output name "x" is used twice`},
		{"measures: {x: summ(v.charge)}\n", `unknown function summ() (did you mean "sum"?)`},
		{"measures: {x: count(*)}\norder: [y]\n", `order by "y"`},
		{"where: [v.day >= :start]\ndimensions: {x: v.day}\n", `unknown param :start`},
		{"measures:\n  x: percentile(v.charge, 2)\n", `between 0 and 1`},
		{"dimensions: {x: week(v.status)}\n", `week() needs a date`},
		{"measures: {n: count(*)}\noutliers:\n  - {metric: n, method: zcore}\n", `unknown outlier method "zcore": expected one of zscore, robust_z, iqr, esd, grubbs (did you mean "zscore"?)`},
		{"measures: {n: count(*)}\noutliers:\n  - {metric: n}\n", "an outliers entry needs `method:` (one of zscore, robust_z, iqr, esd, grubbs)"},
		{"measures: {n: count(*)}\noutliers:\n  - {metric: n, method: iqr, direction: up}\n", `unknown direction "up": expected one of high, low, both`},
	}
	for _, c := range cases {
		_, ds := compile(t, base+c.body)
		if !ds.HasErrors() || !strings.Contains(ds.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.body, ds, c.want)
		}
	}
}

func TestCompileTypesAndBinding(t *testing.T) {
	p, ds := compile(t, base+`params:
  region: {type: text, optional: true}
  ids: {type: list<int>, default: "1,2"}
where:
  - c.region = :region
  - v.clinic_id in :ids
dimensions:
  clinic: c.name
  week: week(v.day)
measures:
  n: count(*)
  revenue: sum(v.charge)
  ratio: sum(v.charge) / count(*)
  waits: sum(v.wait_minutes)
`)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := []string{"clinic text", "week date", "n int64", "revenue decimal(38,2)", "ratio float64", "waits int64"}
	for i, c := range p.Columns {
		if got := c.Name + " " + c.Type.String(); got != want[i] {
			t.Errorf("column %d: %s, want %s", i, got, want[i])
		}
	}
	vals, vds := p.Values(map[string]string{}, time.Now(), time.UTC)
	if vds.HasErrors() {
		t.Fatal(vds)
	}
	sel, err := p.Bind(vals)
	if err != nil {
		t.Fatal(err)
	}
	q, err := dialect.Postgres.Render(sel, vals, false)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(q.SQL, "region") || !strings.Contains(q.SQL, `"v"."clinic_id" IN ($1, $2)`) {
		t.Errorf("the optional region filter should be dropped and ids expanded:\n%s", q.SQL)
	}
	if len(q.Args) != 2 || q.Args[0] != int64(1) || q.Args[1] != int64(2) {
		t.Errorf("args %v", q.Args)
	}
}

func TestMissingRequiredParam(t *testing.T) {
	p, ds := compile(t, base+"params:\n  start: {type: date}\nwhere: [v.day >= :start]\ndimensions: {x: v.day}\n")
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	_, vds := p.Values(nil, time.Now(), time.UTC)
	if !vds.HasErrors() || !strings.Contains(vds.Error(), `r.yaml:6:3: error: param "start" is required`) {
		t.Fatalf("got %v", vds)
	}
	if _, err := p.Bind(map[string]any{}); err == nil {
		t.Fatal("Bind without a required value must fail")
	}
}

func TestInlineLiterals(t *testing.T) {
	lit := dialect.Postgres.Literal
	cases := []struct {
		v    any
		t    catalog.Type
		want string
	}{
		{"O'Brien \\ x", catalog.Of(catalog.Text), `'O''Brien \ x'`},
		{int64(-5), catalog.Of(catalog.Int64), "(-5)"},
		{nil, catalog.Of(catalog.Text), "NULL"},
		{true, catalog.Of(catalog.Bool), "TRUE"},
		{time.Date(1969, 12, 31, 0, 0, 0, 0, time.UTC), catalog.Of(catalog.Date), "DATE '1969-12-31'"},
		{1e300, catalog.Of(catalog.Float64), "CAST(1e+300 AS DOUBLE PRECISION)"},
	}
	for _, c := range cases {
		got, err := lit(c.v, c.t)
		if err != nil || got != c.want {
			t.Errorf("%v: got %s (%v), want %s", c.v, got, err, c.want)
		}
	}
	if _, err := lit("a\x00b", catalog.Of(catalog.Text)); err == nil {
		t.Error("NUL in text must be refused")
	}
}
