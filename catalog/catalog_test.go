package catalog

import "testing"

func TestAddUniqueKeyAndIsUnique(t *testing.T) {
	tb := &Table{Name: "visits", PrimaryKey: []string{"id"}}
	tb.AddUniqueKey([]string{"id"})               // repeats the primary key
	tb.AddUniqueKey([]string{"clinic_id", "day"}) // new
	tb.AddUniqueKey([]string{"day", "clinic_id"}) // same set, other order
	if len(tb.UniqueKeys) != 1 {
		t.Fatalf("unique keys %v, want one", tb.UniqueKeys)
	}
	cases := map[string]struct {
		cols []string
		want bool
	}{
		"primary key":       {[]string{"id"}, true},
		"superset of a key": {[]string{"day", "clinic_id", "status"}, true},
		"part of a key":     {[]string{"clinic_id"}, false},
		"nothing":           {nil, false},
	}
	for name, c := range cases {
		if got := tb.IsUnique(c.cols); got != c.want {
			t.Errorf("%s: IsUnique(%v) = %v", name, c.cols, got)
		}
	}
}
