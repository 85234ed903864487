package sqlast

import (
	"testing"

	"github.com/assay-dev/assay/catalog"
)

func TestFormat(t *testing.T) {
	x := &Column{Table: "v", Column: "x"}
	one := &Literal{Kind: Number, Text: "1"}
	cases := []struct {
		e    Expr
		want string
	}{
		{&Binary{Op: "AND", L: &IsNull{X: x, Not: true}, R: &Like{X: x, Pattern: &Literal{Kind: String, Text: `a"b`}, ILike: true}}, `((v.x is not null) and (v.x ilike "a\"b"))`},
		{&In{X: x, List: []Expr{one, &Param{Name: "ids", List: true}}, Not: true}, "(v.x not in [1, :ids])"},
		{&Between{X: x, Lo: one, Hi: &TypedLiteral{Type: catalog.Date, Value: "2024-01-01"}}, `(v.x between 1 and DATE "2024-01-01")`},
		{&Case{Whens: []When{{Cond: &Literal{Kind: Boolean, Value: true}, Result: one}}, Else: &Literal{Kind: Null}}, "case when true then 1 else null end"},
		{&Func{Name: "count", Star: true, Filter: &Unary{Op: "NOT", X: x}}, "count(*) filter (where (not v.x))"},
		{&Func{Name: "date_part", Unit: "dow", Args: []Expr{x}}, "date_part(dow, v.x)"},
		{&Cast{X: &SafeDiv{L: x, R: one}, Type: catalog.Type{Kind: catalog.Decimal, Precision: 10, Scale: 2, Native: "NUMERIC"}}, "cast((v.x / 1) as decimal(10,2))"},
		{&Window{Func: "SUM", Arg: x, PartitionBy: []Expr{x}, OrderBy: []OrderItem{{Expr: x, Desc: true, NullsFirst: true, Text: true}}, Running: true},
			"sum(v.x) over (partition by v.x order by v.x desc nulls first by code point rows unbounded preceding)"},
		{&DateShift{X: x, N: 1, Unit: "week"}, "shift(v.x, -1 week)"},
	}
	for _, c := range cases {
		if got := Format(c.e); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}

type strange struct{ Expr }

func TestFormatUnknownNodePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("an unexpected node must panic")
		}
	}()
	Format(strange{})
}
