package spec

import (
	"strings"
	"testing"
)

func TestParseSubqueries(t *testing.T) {
	cases := map[string]string{
		"not exists (select 1 from evaluations o where o.interview_id = e.interview_id and o.user_id <> :user_id and o.rating >= 8)": "(not exists (select 1 from evaluations o where (((o.interview_id = e.interview_id) and (o.user_id <> :user_id)) and (o.rating >= 8))))",
		"c.id in (select s.clinic_id from visits s group by s.clinic_id having sum(s.charge) > :min_revenue)":                        "c.id in (select s.clinic_id from visits s group by s.clinic_id having (sum(s.charge) > :min_revenue))",
		"x not in (select a.y from main.t as a left join u b on b.id = a.id inner join w c on c.id = a.id)":                          "x not in (select a.y from main.t a left join u b on (b.id = a.id) join w c on (c.id = a.id))",
		"(select max(r.score) from ratings r where r.interview_id = i.id) >= 4":                                                      "((select max(r.score) from ratings r where (r.interview_id = i.id)) >= 4)",
		"exists(select 1 from t x) or b": "(exists (select 1 from t x) or b)",
		"(a + b) * c":                    "((a + b) * c)",
		"\"group\" = 1":                  "(group = 1)",
	}
	for in, want := range cases {
		e, ds := parse(t, in)
		if ds.HasErrors() {
			t.Errorf("%s: %v", in, ds)
			continue
		}
		if got := Format(e); got != want {
			t.Errorf("%s:\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestParseSubqueryErrors(t *testing.T) {
	cases := map[string]string{
		"x in (select a.b from t)":              "x.yaml:1:24: error: expected an alias after table t",
		"x in (select a.b from t a order by 1)": "x.yaml:1:27: error: expected \")\" to end the subquery, found \"order\"",
		"(select 1 from t a where)":             "x.yaml:1:25: error: expected a value",
		"exists (select 1 t a)":                 "x.yaml:1:18: error: expected \"from\"",
		"x in (select 1 from t a join u b)":     "x.yaml:1:33: error: expected \"on\"",
		"x in (select 1 from t a group 1)":      "x.yaml:1:31: error: expected \"by\"",
	}
	for in, want := range cases {
		_, ds := parse(t, in)
		if !ds.HasErrors() || !strings.HasPrefix(ds[0].Header(), want) {
			t.Errorf("%s: want %q, got %v", in, want, ds)
		}
	}
}

func TestSubqueryDepth(t *testing.T) {
	in := strings.Repeat("exists (select 1 from t a where ", 300) + "true" + strings.Repeat(")", 300)
	if _, ds := parse(t, in); !ds.HasErrors() || ds[0].Code != CodeLimit {
		t.Fatalf("want a depth error, got %v", ds)
	}
}
