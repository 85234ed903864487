package sqlast

import "fmt"

// Retarget returns a copy of e in which every column of table from reads
// from table to instead. The original tree is not changed. A subquery's
// own SELECT is kept as it is: its columns belong to its own aliases, and
// the compiler allows subqueries only where nothing is retargeted (where,
// on, a measure's where, having); the left operand of IN is retargeted.
func Retarget(e Expr, from, to string) Expr {
	if c, ok := e.(*Column); ok {
		if c.Table == from {
			return &Column{Table: to, Column: c.Column}
		}
		return c
	}
	return MapChildren(e, func(x Expr) Expr { return Retarget(x, from, to) })
}

// MapChildren returns e with each of its direct sub-expressions x (those
// Children lists, in its order) replaced by f(x), as a new node; the other fields are
// copied and e is not changed. A leaf (column, parameter, literal) is
// returned as it is, and so is a nil e. A subquery's left operand is
// mapped, its SELECT kept as it is: a rewrite that must reach into it
// handles *Subquery itself. MapChildren is the walk every rewrite of the
// tree shares, each handling its special nodes and passing the rest here.
func MapChildren(e Expr, f func(Expr) Expr) Expr {
	re := func(x Expr) Expr {
		if x == nil {
			return nil
		}
		return f(x)
	}
	all := func(es []Expr) []Expr {
		if es == nil {
			return nil
		}
		out := make([]Expr, len(es))
		for i, x := range es {
			out[i] = re(x)
		}
		return out
	}
	switch e := e.(type) {
	case nil:
		return nil
	case *Column, *Param, *Literal, *TypedLiteral:
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
		return &In{X: re(e.X), List: all(e.List), Not: e.Not}
	case *Between:
		return &Between{X: re(e.X), Lo: re(e.Lo), Hi: re(e.Hi), Not: e.Not}
	case *Like:
		return &Like{X: re(e.X), Pattern: re(e.Pattern), Not: e.Not, ILike: e.ILike}
	case *Case:
		out := &Case{Operand: re(e.Operand)}
		for _, w := range e.Whens {
			out.Whens = append(out.Whens, When{Cond: re(w.Cond), Result: re(w.Result)})
		}
		out.Else = re(e.Else)
		return out
	case *Cast:
		return &Cast{X: re(e.X), Type: e.Type}
	case *Subquery:
		return &Subquery{Kind: e.Kind, X: re(e.X), Not: e.Not, Query: e.Query}
	case *Func:
		return &Func{Name: e.Name, Args: all(e.Args), Star: e.Star, Distinct: e.Distinct, Filter: re(e.Filter), Unit: e.Unit}
	case *DateShift:
		return &DateShift{X: re(e.X), N: e.N, Unit: e.Unit, Type: e.Type}
	case *Window:
		out := &Window{Func: e.Func, Arg: re(e.Arg), PartitionBy: all(e.PartitionBy), Running: e.Running}
		for _, o := range e.OrderBy {
			o.Expr = re(o.Expr)
			out.OrderBy = append(out.OrderBy, o)
		}
		return out
	}
	panic(fmt.Sprintf("sqlast: unexpected %T", e))
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
