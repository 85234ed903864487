package catalog

import (
	"fmt"
	"testing"
)

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

// TestLookupSearchPath: an unqualified name resolves in the first schema
// of the search path that holds it, as PostgreSQL resolves it.
func TestLookupSearchPath(t *testing.T) {
	c := New("s2")
	c.SearchPath = []string{"s2", "public"}
	for _, tb := range []*Table{{Schema: "public", Name: "a"}, {Schema: "s2", Name: "a"}, {Schema: "public", Name: "b"}, {Schema: "other", Name: "c"}} {
		c.Add(tb)
	}
	cases := map[string]string{"a": "s2", "b": "public", "c": ""}
	for name, want := range cases { // "" for not found
		got := ""
		if tb, ok := c.Lookup("", name); ok {
			got = tb.Schema
		}
		if got != want {
			t.Errorf("Lookup(%q) in %q, want %q", name, got, want)
		}
	}
	if tb, ok := c.Lookup("public", "a"); !ok || tb.Schema != "public" {
		t.Errorf("Lookup(public, a) = %v", tb)
	}
	got := fmt.Sprint(c.TableNames())
	if want := "[other.c public.a b a]"; got != want {
		t.Errorf("TableNames() = %s, want %s", got, want)
	}
}
