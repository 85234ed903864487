package sqlast

import "fmt"

// Retarget returns a copy of e in which every column of table from reads
// from table to instead. The original tree is not changed.
func Retarget(e Expr, from, to string) Expr {
	if e == nil {
		return nil
	}
	re := func(x Expr) Expr { return Retarget(x, from, to) }
	switch e := e.(type) {
	case *Column:
		if e.Table == from {
			return &Column{Table: to, Column: e.Column}
		}
		return e
	case *Param, *Literal, *TypedLiteral:
		return e
	case *Unary:
		return &Unary{Op: e.Op, X: re(e.X)}
	case *Binary:
		return &Binary{Op: e.Op, L: re(e.L), R: re(e.R)}
	case *SafeDiv:
		return &SafeDiv{L: re(e.L), R: re(e.R)}
	case *IsNull:
		return &IsNull{X: re(e.X), Not: e.Not}
	case *In:
		return &In{X: re(e.X), List: retargetAll(e.List, from, to), Not: e.Not}
	case *Between:
		return &Between{X: re(e.X), Lo: re(e.Lo), Hi: re(e.Hi), Not: e.Not}
	case *Like:
		return &Like{X: re(e.X), Pattern: re(e.Pattern), Not: e.Not, ILike: e.ILike}
	case *Case:
		out := &Case{Operand: re(e.Operand), Else: re(e.Else)}
		for _, w := range e.Whens {
			out.Whens = append(out.Whens, When{Cond: re(w.Cond), Result: re(w.Result)})
		}
		return out
	case *Cast:
		return &Cast{X: re(e.X), Type: e.Type}
	case *Func:
		return &Func{Name: e.Name, Args: retargetAll(e.Args, from, to), Star: e.Star, Distinct: e.Distinct, Filter: re(e.Filter), Unit: e.Unit}
	case *DateShift:
		return &DateShift{X: re(e.X), N: e.N, Unit: e.Unit, Type: e.Type}
	case *Window:
		out := &Window{Func: e.Func, Arg: re(e.Arg), PartitionBy: retargetAll(e.PartitionBy, from, to), Running: e.Running}
		for _, o := range e.OrderBy {
			out.OrderBy = append(out.OrderBy, OrderItem{Expr: re(o.Expr), Desc: o.Desc, NullsFirst: o.NullsFirst})
		}
		return out
	}
	panic(fmt.Sprintf("sqlast: unexpected %T", e))
}

func retargetAll(es []Expr, from, to string) []Expr {
	if es == nil {
		return nil
	}
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = Retarget(e, from, to)
	}
	return out
}
