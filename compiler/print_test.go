package compiler

import (
	"strings"
	"testing"
)

func TestPlanPrint(t *testing.T) {
	p, ds := compile(t, base+`params:
  region: {type: text, optional: true}
where:
  - c.region = :region
dimensions:
  clinic: c.name
  week: week(v.day)
measures:
  n: count(*)
  revenue: sum(v.charge)
formulas:
  per_visit: revenue / n
  prev: previous(n, week)
totals: [clinic]
order: [week]
outliers:
  - {metric: n, method: iqr}
`)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	got := p.String()
	for _, want := range []string{
		"report r\n",
		"  param region text optional\n",
		"  join inner clinics c on (c.id = v.clinic_id) [many_to_one from v]\n",
		"  where (c.region = :region) [dropped without :region]\n",
		"  dimension week date = cast(week(v.day) as date)\n",
		"  measure n int64 = count(*)\n",
		"  formula per_visit float64 = ",
		"totals [clinic]\n",
		"  week dimension date (arrow date32) grain week\n",
		"outliers n iqr threshold 3 k 1.5 alpha 0.05 max_outliers 10 min_group 3 direction both\n",
		"  adds n_outlier outlier flag (arrow bool)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("plan print lacks %q:\n%s", want, got)
		}
	}
	if got != p.String() {
		t.Errorf("the print is not stable")
	}
}
