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
	case *Subquery:
		return retargetSubquery(e, from, to)
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

// Children returns the direct sub-expressions of e, in rendering order.
func Children(e Expr) []Expr {
	var out []Expr
	add := func(xs ...Expr) {
		for _, x := range xs {
			if x != nil {
				out = append(out, x)
			}
		}
	}
	switch e := e.(type) {
	case *Column, *Param, *Literal, *TypedLiteral:
	case *Unary:
		add(e.X)
	case *Binary:
		add(e.L, e.R)
	case *SafeDiv:
		add(e.L, e.R)
	case *IsNull:
		add(e.X)
	case *In:
		add(e.X)
		add(e.List...)
	case *Between:
		add(e.X, e.Lo, e.Hi)
	case *Like:
		add(e.X, e.Pattern)
	case *Case:
		add(e.Operand)
		for _, w := range e.Whens {
			add(w.Cond, w.Result)
		}
		add(e.Else)
	case *Cast:
		add(e.X)
	case *Func:
		add(e.Args...)
		add(e.Filter)
	case *DateShift:
		add(e.X)
	case *Subquery: // its SELECT is a statement of its own
		add(e.X)
	case *Window:
		add(e.Arg)
		add(e.PartitionBy...)
		for _, o := range e.OrderBy {
			add(o.Expr)
		}
	default:
		panic(fmt.Sprintf("sqlast: unexpected %T", e))
	}
	return out
}

// ExpandedSize counts the nodes of e as it is written out, a node shared
// by several parents once for each (formulas share the trees of the
// formulas they name). Counting stops past limit; sizes memoises the count
// of every node visited, so that a shared subtree is walked once.
func ExpandedSize(e Expr, limit int, sizes map[Expr]int) int {
	if n, ok := sizes[e]; ok {
		return n
	}
	n := 1
	for _, x := range Children(e) {
		if n += ExpandedSize(x, limit, sizes); n > limit {
			break
		}
	}
	sizes[e] = n
	return n
}
