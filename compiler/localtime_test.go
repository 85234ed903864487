package compiler

import (
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/dialect"
	"github.com/assay-dev/assay/spec"
)

// instantCatalog has one table with an instant and a wall-clock timestamp.
func instantCatalog() *catalog.Catalog {
	cat := catalog.New("public")
	cat.Add(&catalog.Table{Schema: "public", Name: "events", PrimaryKey: []string{"id"}, Columns: []*catalog.Column{
		{Name: "id", Type: catalog.Of(catalog.Int32)}, {Name: "at", Type: catalog.Of(catalog.TimestampTZ)},
		{Name: "wall", Type: catalog.Of(catalog.Timestamp)}}})
	return cat
}

func renderIn(t *testing.T, src string, loc *time.Location) (*Plan, string) {
	t.Helper()
	r, ds := spec.Load("r.yaml", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p, cds := CompileIn(r, instantCatalog(), loc)
	if cds.HasErrors() {
		t.Fatal(cds)
	}
	sel, err := p.Bind(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := dialect.Postgres.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	return p, q.SQL
}

// TestLocalTimeZoneChoice checks which zone grains of instants use: the
// report's timezone over the project's, none in UTC, and never for
// wall-clock timestamps.
func TestLocalTimeZoneChoice(t *testing.T) {
	denver, _ := time.LoadLocation("America/Denver")
	const body = "from: events e\ndimensions:\n  week: week(e.at)\n  hour: date_part(hour, e.at)\n  wall_day: day(e.wall)\nmeasures:\n  n: count(*)\n"
	cases := []struct {
		head string
		loc  *time.Location
		want []string
		not  []string
	}{
		{"report: r\n", nil, nil, []string{"AT TIME ZONE"}},
		{"report: r\n", time.UTC, nil, []string{"AT TIME ZONE"}},
		{"report: r\n", denver, []string{`DATE_TRUNC('week', ("e"."at" AT TIME ZONE 'America/Denver')) AT TIME ZONE 'America/Denver'`,
			`EXTRACT(HOUR FROM ("e"."at" AT TIME ZONE 'America/Denver'))`, `DATE_TRUNC('day', "e"."wall")`}, nil},
		{"report: r\ntimezone: Asia/Tokyo\n", denver, []string{`'Asia/Tokyo'`}, []string{"Denver"}},
		{"report: r\ntimezone: Asia/Tokyo\n", nil, []string{`'Asia/Tokyo'`}, nil},
	}
	for _, c := range cases {
		_, sql := renderIn(t, c.head+body, c.loc)
		for _, w := range c.want {
			if !strings.Contains(sql, w) {
				t.Errorf("%q in %v: want %s in\n%s", c.head, c.loc, w, sql)
			}
		}
		for _, w := range c.not {
			if strings.Contains(sql, w) {
				t.Errorf("%q in %v: want no %s in\n%s", c.head, c.loc, w, sql)
			}
		}
	}
}

// TestReportTimezoneRelativeDates checks that a report's own timezone
// evaluates its relative dates: 03:00 UTC on the 15th is still the 14th
// in Denver.
func TestReportTimezoneRelativeDates(t *testing.T) {
	const src = "report: r\ntimezone: America/Denver\nparams:\n  d: {type: date, default: today}\nfrom: events e\nwhere: [e.wall >= :d]\ndimensions:\n  id: e.id\n"
	r, ds := spec.Load("r.yaml", []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	p, cds := CompileIn(r, instantCatalog(), time.UTC)
	if cds.HasErrors() {
		t.Fatal(cds)
	}
	vals, vds := p.Values(nil, time.Date(2025, 3, 15, 3, 0, 0, 0, time.UTC), time.UTC)
	if vds.HasErrors() {
		t.Fatal(vds)
	}
	if got := vals["d"].(time.Time).Format("2006-01-02"); got != "2025-03-14" {
		t.Errorf("today in Denver at 03:00 UTC on 2025-03-15 = %s, want 2025-03-14", got)
	}
}
