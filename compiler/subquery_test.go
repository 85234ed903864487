package compiler

import (
	"strings"
	"testing"

	"github.com/assay-dev/assay/compiler/dialect"
)

// subquerySeed uses every subquery form where the contract allows it.
const subquerySeed = base + `params:
  m: {type: number, default: 5}
where:
  - exists (select 1 from visits w where w.clinic_id = c.id and w.wait_minutes > :m)
  - v.patient_id not in (select w.patient_id from visits w left join clinics c2 on c2.id = w.clinic_id where c2.region = 'North' group by w.patient_id having count(*) > 1)
  - v.charge > (select avg(v2.charge) from visits v2 where v2.clinic_id = v.clinic_id)
dimensions: {clinic: c.name}
measures:
  n: {expr: count(*), where: "exists (select 1 from visits w where w.id = v.id and w.status = 'done')"}
having: [clinic in (select c3.name from clinics c3 where c3.region = clinic)]
`

func TestSubquerySeedRenders(t *testing.T) {
	p, ds := compile(t, subquerySeed)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sel, err := p.Bind(map[string]any{"m": 5.0})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*dialect.Dialect{dialect.Postgres, dialect.DuckDB, dialect.MySQL} {
		q, err := d.Render(sel, map[string]any{"m": 5.0}, false)
		if err != nil {
			t.Fatalf("%s: %v", d.Name, err)
		}
		for _, want := range []string{"EXISTS (SELECT 1 FROM", "NOT IN (SELECT", "HAVING COUNT(*) > 1)", "> (SELECT ", "IN (SELECT"} {
			if !strings.Contains(q.SQL, want) {
				t.Errorf("%s: no %q in\n%s", d.Name, want, q.SQL)
			}
		}
		if len(q.Args) != 1 {
			t.Errorf("%s: want the one param bound, got %v", d.Name, q.Args)
		}
	}
}

// TestNestedCorrelation resolves a name two subqueries deep in the
// outermost query, and a name of the middle one in the innermost.
func TestNestedCorrelation(t *testing.T) {
	src := base + `where:
  - exists (select 1 from visits w where w.clinic_id = c.id and exists (select 1 from clinics k where k.id = w.clinic_id and k.region = c.region and k.id = v.clinic_id))
dimensions: {clinic: c.name}
measures: {n: count(*)}
`
	p, ds := compile(t, src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sel, err := p.Bind(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := dialect.Postgres.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `WHERE EXISTS (SELECT 1 FROM "visits" AS "w" WHERE "w"."clinic_id" = "c"."id" AND EXISTS (SELECT 1 FROM "clinics" AS "k" WHERE "k"."id" = "w"."clinic_id" AND "k"."region" = "c"."region" AND "k"."id" = "v"."clinic_id"))`
	if !strings.Contains(q.SQL, want) {
		t.Errorf("got\n%s\nwant it to contain\n%s", q.SQL, want)
	}
}

// TestSubqueryTableQualified writes a subquery's table with its schema
// when a source of the report has the table's name.
func TestSubqueryTableQualified(t *testing.T) {
	src := `report: r
sources:
  visits:
    from: clinics c
    where: ["exists (select 1 from visits v where v.clinic_id = c.id)"]
    dimensions: {region: c.region}
    measures: {clinics: count(*)}
  other:
    from: clinics c
    dimensions: {region: c.region}
    measures: {all_clinics: count(*)}
`
	p, ds := compile(t, src)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	sel, err := p.Bind(map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	q, err := dialect.DuckDB.Render(sel, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.SQL, `EXISTS (SELECT 1 FROM "public"."visits" AS "v"`) {
		t.Errorf("the subquery's table is not qualified:\n%s", q.SQL)
	}
}
