package spec

import (
	"strings"
	"testing"
)

func parse(t *testing.T, text string) (Expr, Diagnostics) {
	t.Helper()
	f := NewFile("x.yaml", []byte(text))
	return ParseExpr(ExprSource{Text: text, At: Span{File: f, Start: 0, End: len(text)}, Exact: true})
}

func TestParseExprCanonical(t *testing.T) {
	cases := map[string]string{
		"a + b * c":                                    "(a + (b * c))",
		"(a + b) * c":                                  "((a + b) * c)",
		"v.day between :start and :end":                "v.day between :start and :end",
		"c.region = :region":                           "(c.region = :region)",
		"v.clinic_id in :clinic_ids":                   "v.clinic_id in :clinic_ids",
		"x not in (1, 2, 3)":                           "x not in (1, 2, 3)",
		"count(*)":                                     "count(*)",
		"count(distinct v.patient_id)":                 "count(distinct v.patient_id)",
		"count(*) filter (where s = 'a''b')":           "count(*) filter (where (s = 'a''b'))",
		"not a = 1 and b is not null or c":             "(((not (a = 1)) and b is not null) or c)",
		"-x - -3":                                      "((- x) - -3)",
		"case when a > 1 then 'big' else 'small' end":  "case when (a > 1) then 'big' else 'small' end",
		"case k when 1 then 2 end":                     "case k when 1 then 2 end",
		"cast(x as numeric(12, 2))":                    "cast(x as numeric(12, 2))",
		"x::double precision":                          "cast(x as double precision)",
		"date '2024-01-01' <= d":                       "(date '2024-01-01' <= d)",
		"name not ilike '%a%'":                         "name not ilike '%a%'",
		"a || 'x' = b":                                 "((a || 'x') = b)",
		`"Order"."group" <> 1.5e3`:                     "(Order.group <> 1.5e3)",
		"percentile(v.wait_minutes, 0.9)":              "percentile(v.wait_minutes, 0.9)",
		"a != b":                                       "(a <> b)",
		"x between 1 and 2 and y":                      "(x between 1 and 2 and y)",
		"rank(revenue asc) over (partition by region)": "rank(revenue asc) over (partition by region)",
		"share(m) over (partition by a, \"B\")":        "share(m) over (partition by a, B)",
		"avg(revenue) over ()":                         "avg(revenue) over ()",
		"previous(m, month, 12)":                       "previous(m, month, 12)",
	}
	for in, want := range cases {
		e, ds := parse(t, in)
		if len(ds) > 0 {
			t.Errorf("%q: unexpected diagnostics: %v", in, ds)
			continue
		}
		if got := Format(e); got != want {
			t.Errorf("%q:\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestParseExprErrors(t *testing.T) {
	cases := []struct{ in, col, msg string }{
		{"a +", "1:4", "expected a value"},
		{"count(*", "1:8", `expected ")"`},
		{"'abc", "1:1", "unterminated text literal"},
		{"a = = b", "1:5", "expected a value"},
		{"a b", "1:3", "unexpected \"b\""},
		{"x in (1, 2", "1:11", `expected ")"`},
		{"12abc", "1:1", "malformed number"},
		{"case end", "1:6", "expected \"when\""},
		{"sum(x) over (order by y)", "1:14", "expected \"partition by\""},
		{"sum(x) over (partition by 1)", "1:27", "expected the name of a dimension"},
		{"a # b", "1:3", "unexpected character"},
		{"end + 1", "1:1", "unexpected keyword"},
	}
	for _, c := range cases {
		_, ds := parse(t, c.in)
		if len(ds) != 1 {
			t.Errorf("%q: want one diagnostic, got %v", c.in, ds)
			continue
		}
		h := ds[0].Header()
		if !strings.HasPrefix(h, "x.yaml:"+c.col+": error: ") || !strings.Contains(h, c.msg) {
			t.Errorf("%q: got %q, want position %s and %q", c.in, h, c.col, c.msg)
		}
	}
}

func TestParseExprDepthLimit(t *testing.T) {
	in := strings.Repeat("(", 1000) + "1" + strings.Repeat(")", 1000)
	_, ds := parse(t, in)
	if !ds.HasErrors() || ds[0].Code != CodeLimit || !strings.HasPrefix(ds[0].Header(), "x.yaml:1:201: error: the expression is nested more than 200 levels deep") {
		t.Fatalf("want a positioned depth error, got %v", ds)
	}
	in = strings.Repeat("not ", 1000) + "x"
	if _, ds := parse(t, in); !ds.HasErrors() || ds[0].Code != CodeLimit {
		t.Fatalf("want a depth error for not chains, got %v", ds)
	}
}

func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"a + b", "count(distinct x) filter (where y = 'z')", "case when a then b end", "x::numeric(1,2)", ":p", "x in :l",
		"not exists (select 1 from t a where a.x = b.y)", "x in (select a.y from t a left join u b on b.id = a.id group by a.y having count(*) > 1)", "(select max(a.x) from t a) > 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, ds := parse(t, s)
		if (e == nil) == (len(ds) == 0) {
			t.Fatalf("want exactly one of an expression or diagnostics: %v %v", e, ds)
		}
		if e != nil {
			Format(e)
		}
	})
}
