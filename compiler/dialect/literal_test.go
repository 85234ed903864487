package dialect

import (
	"testing"
	"time"
)

func TestDescribeValue(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC), "2025-10-06"},
		{time.Date(2025, 10, 6, 7, 30, 0, 5000, time.UTC), "2025-10-06T07:30:00.000005Z"},
		{time.Date(2025, 10, 6, 0, 0, 0, 0, time.FixedZone("x", 3600)), "2025-10-06T00:00:00+01:00"},
		{"North", "'North'"},
		{"O'Brien\nx", `'O''Brien\nx'`},
		{"a\x00b", `"a\x00b"`},
		{int64(-5), "-5"},
		{0.5, "0.5"},
		{1e21, "1e+21"},
		{true, "TRUE"},
		{nil, "NULL"},
	}
	for _, d := range []*Dialect{Postgres, DuckDB} {
		for _, c := range cases {
			if got := d.DescribeValue(c.v); got != c.want {
				t.Errorf("%s: DescribeValue(%#v) = %s, want %s", d, c.v, got, c.want)
			}
		}
	}
}
