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
