package compiler

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/assay-dev/assay/catalog"
)

func TestSplitListReadsACSVRecord(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  ", nil},
		{"North", []string{"North"}},
		{"North, East ,South", []string{"North", "East", "South"}},
		{`"North, East",South`, []string{"North, East", "South"}},
		{` "North, East" , "say ""hi""" `, []string{"North, East", `say "hi"`}},
		{`"", a`, []string{"", "a"}},
		{"start_of(month, today), today", []string{"start_of(month, today)", "today"}},
		{`Say "hi" Ltd, Zed`, []string{`Say "hi" Ltd`, "Zed"}},
	}
	for _, c := range cases {
		got, err := SplitList(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitList(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestSplitListRefusesEmptyItemsAndBadQuotes(t *testing.T) {
	cases := []struct{ in, want string }{
		{",", "item 1 of the list is empty"},
		{"1,,2", "item 2 of the list is empty"},
		{"1,2,", "item 3 of the list is empty"},
		{" , a", "item 1 of the list is empty"},
		{`"North, East`, "item 1 of the list opens a quote that is not closed"},
		{`"North" East, x`, "item 1 of the list has text after its closing quote"},
	}
	for _, c := range cases {
		got, err := SplitList(c.in)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SplitList(%q) = %q, %v; want an error saying %q", c.in, got, err, c.want)
		}
	}
}

func TestParamParseRefusesWhatCannotBeBound(t *testing.T) {
	now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
	num := &Param{Name: "x", Type: catalog.Of(catalog.Float64)}
	text := &Param{Name: "t", Type: catalog.Of(catalog.Text)}
	texts := &Param{Name: "ts", Type: catalog.Of(catalog.Text), List: true}
	ints := &Param{Name: "ids", Type: catalog.Of(catalog.Int64), List: true}
	bad := []struct {
		p    *Param
		in   string
		want string
	}{
		{num, "NaN", "not a finite number"},
		{num, "Inf", "not a finite number"},
		{num, "-infinity", "not a finite number"},
		{num, "1e999", "not a finite number"},
		{text, "caf\xe9", "not valid UTF-8"},
		{texts, "a,\xff", "not valid UTF-8"},
		{ints, "1,,2", "item 2 of the list is empty"},
		{ints, ",", "item 1 of the list is empty"},
		{ints, "1,x", `item 2 of the list: "x" is not a whole number`},
	}
	for _, c := range bad {
		v, err := c.p.Parse(c.in, now, time.UTC)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s=%q: got %v, %v; want an error saying %q", c.p.Name, c.in, v, err, c.want)
		}
	}
	v, err := texts.Parse(`"North, East", West`, now, time.UTC)
	if want := []any{"North, East", "West"}; err != nil || !reflect.DeepEqual(v, want) {
		t.Errorf("quoted list: %v, %v; want %v", v, err, want)
	}
	v, err = num.Parse(" 2.5 ", now, time.UTC)
	if err != nil || v != 2.5 {
		t.Errorf("2.5: %v, %v", v, err)
	}
}
