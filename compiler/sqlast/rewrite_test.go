package sqlast

import (
	"strings"
	"testing"

	"github.com/assay-dev/assay/catalog"
)

// TestMapChildren maps every child of each node kind to a column named
// after it and checks that the node keeps its other fields (Format shows
// them all), that Children of the result are the mapped children in the
// same order, and that the original tree is unchanged.
func TestMapChildren(t *testing.T) {
	x := &Column{Table: "v", Column: "x"}
	y := &Column{Table: "v", Column: "y"}
	one := &Literal{Kind: Number, Text: "1"}
	sub := &Select{}
	nodes := []Expr{
		&Unary{Op: "-", X: x},
		&Binary{Op: "+", L: x, R: one},
		&SafeDiv{L: x, R: y},
		&IsNull{X: x, Not: true},
		&In{X: x, List: []Expr{one, y}, Not: true},
		&Between{X: x, Lo: one, Hi: y, Not: true},
		&Like{X: x, Pattern: y, Not: true, ILike: true},
		&Case{Operand: x, Whens: []When{{Cond: one, Result: y}}, Else: x},
		&Cast{X: x, Type: catalog.Type{Kind: catalog.Decimal, Precision: 10, Scale: 2}},
		&Func{Name: "count", Args: []Expr{x}, Distinct: true, Filter: y},
		&Func{Name: "date_part", Unit: "dow", Args: []Expr{x}},
		&DateShift{X: x, N: 2, Unit: "week"},
		&Window{Func: "SUM", Arg: x, PartitionBy: []Expr{y}, OrderBy: []OrderItem{{Expr: x, Desc: true, NullsFirst: true, Text: true}}, Running: true},
		&Subquery{Kind: InSubquery, X: x, Not: true, Query: sub},
	}
	for _, e := range nodes {
		before := Format(e)
		var mapped []Expr
		got := MapChildren(e, func(c Expr) Expr {
			m := &Column{Table: "m", Column: strings.NewReplacer(".", "_", " ", "_").Replace(Format(c))}
			mapped = append(mapped, m)
			return m
		})
		if Format(e) != before {
			t.Errorf("%s: the original changed to %s", before, Format(e))
		}
		if got == e {
			t.Errorf("%s: not a new node", before)
		}
		kids := Children(got)
		if len(kids) != len(mapped) || len(kids) != len(Children(e)) {
			t.Fatalf("%s: %d children after, %d mapped, %d before", before, len(kids), len(mapped), len(Children(e)))
		}
		for i := range kids {
			if kids[i] != mapped[i] {
				t.Errorf("%s: child %d is %s, want %s", before, i, Format(kids[i]), Format(mapped[i]))
			}
		}
		// Every field but the children survives: the text is the
		// original's with each child's text replaced by its column.
		want := before
		for _, c := range Children(e) {
			want = strings.Replace(want, Format(c), "m."+strings.NewReplacer(".", "_", " ", "_").Replace(Format(c)), 1)
		}
		if Format(got) != want {
			t.Errorf("got  %s\nwant %s", Format(got), want)
		}
	}
	if s := MapChildren(nodes[len(nodes)-1], func(c Expr) Expr { return c }).(*Subquery); s.Query != sub {
		t.Errorf("a subquery's SELECT must be kept as it is")
	}
	for _, leaf := range []Expr{x, one, &Param{Name: "p"}, &TypedLiteral{Type: catalog.Date, Value: "2024-01-01"}} {
		if MapChildren(leaf, func(Expr) Expr { t.Fatal("a leaf has no children"); return nil }) != leaf {
			t.Errorf("%s: a leaf must come back as it is", Format(leaf))
		}
	}
	if MapChildren(nil, nil) != nil {
		t.Errorf("nil must map to nil")
	}
}

// TestRetargetKeepsWindowTextOrder: a window's ORDER BY item keeps its
// "sort text by code point" flag when its columns are retargeted.
func TestRetargetKeepsWindowTextOrder(t *testing.T) {
	w := &Window{Func: "RANK", OrderBy: []OrderItem{{Expr: &Column{Table: "a", Column: "name"}, Text: true}}}
	got, want := Format(Retarget(w, "a", "b")), strings.ReplaceAll(Format(w), "a.name", "b.name")
	if got != want || !strings.Contains(got, "by code point") {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
