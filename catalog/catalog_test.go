package catalog

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
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

func TestCatalogJSONRoundTrip(t *testing.T) {
	cat := New("main")
	cat.Add(&Table{Schema: "main", Name: "visits", PrimaryKey: []string{"id"}, Columns: []*Column{
		{Name: "id", Type: Of(Int32)}, {Name: "charge", Type: Type{Kind: Decimal, Precision: 10, Scale: 2, Native: "DECIMAL(10,2)"}, Nullable: true}},
		ForeignKeys: []ForeignKey{{Name: "fk", Columns: []string{"id"}, RefSchema: "main", RefTable: "c", RefColumns: []string{"id"}}}})
	b, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"Kind":"decimal"`) {
		t.Errorf("kinds are written by name: %s", b)
	}
	var back Catalog
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, cat) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back.Tables["main.visits"], cat.Tables["main.visits"])
	}
	if err := json.Unmarshal([]byte(`{"Tables":{"main.t":{"Columns":[{"Type":{"Kind":"int65"}}]}}}`), &back); err == nil {
		t.Errorf("an unknown kind must be refused")
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
