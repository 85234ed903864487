package spec

// Expr is a node of the expression language. The set of nodes is closed:
// every implementation is in this file.
type Expr interface {
	// Pos returns the span of the whole expression in its file.
	Pos() Span
	exprNode()
}

// Ident is a column reference: "col", "alias.col" or a keyword-like word
// used as an argument (a time unit in date_part(year, d)).
type Ident struct {
	Parts  []string // one or two parts
	Quoted bool     // the (last) part was written in double quotes
	Span   Span
}

// ParamRef is ":name".
type ParamRef struct {
	Name string
	Span Span
}

// NumberLit is a numeric literal, kept as written.
type NumberLit struct {
	Text  string
	IsInt bool
	Span  Span
}

// StringLit is a single-quoted text literal with quotes undoubled.
type StringLit struct {
	Value string
	Span  Span
}

// BoolLit is true or false.
type BoolLit struct {
	Value bool
	Span  Span
}

// NullLit is null.
type NullLit struct{ Span Span }

// TypedLit is date '…', timestamp '…' or interval '…'.
type TypedLit struct {
	Type  string // "date", "timestamp" or "interval"
	Value string
	Span  Span
}

// Unary is "-x" or "not x".
type Unary struct {
	Op   string // "-" or "not"
	X    Expr
	Span Span
}

// Binary is an infix operation. Op is one of + - * / % || = <> < <= > >= and or.
type Binary struct {
	Op     string
	L, R   Expr
	OpSpan Span
	Span   Span
}

// IsNull is "x is [not] null".
type IsNull struct {
	X    Expr
	Not  bool
	Span Span
}

// In is "x [not] in (a, b, …)", "x [not] in :list" or
// "x [not] in (select …)".
type In struct {
	X     Expr
	List  []Expr    // when written as a list
	Param *ParamRef // when written as :param
	Query *Select   // when written as a subquery
	Not   bool
	Span  Span
}

// Between is "x [not] between lo and hi".
type Between struct {
	X, Lo, Hi Expr
	Not       bool
	Span      Span
}

// Like is "x [not] like|ilike pattern".
type Like struct {
	X, Pattern Expr
	Not        bool
	ILike      bool
	Span       Span
}

// When is one "when cond then result" arm of a case.
type When struct {
	Cond, Result Expr
}

// Case is "case [operand] when … then … [else …] end".
type Case struct {
	Operand Expr // nil for a searched case
	Whens   []When
	Else    Expr // nil when absent
	Span    Span
}

// TypeName is the target of a cast: a name and optional numeric arguments.
type TypeName struct {
	Name string // lower case, e.g. "int", "numeric", "double precision", "text"
	Args []int
	Span Span
}

// Cast is "cast(x as type)" or "x::type".
type Cast struct {
	X    Expr
	Type TypeName
	Span Span
}

// Call is a function call, including aggregates: "count(*)",
// "count(distinct x)", "sum(x) filter (where cond)".
type Call struct {
	Name     string // lower case
	NameSpan Span
	Args     []Expr
	Star     bool // count(*)
	Distinct bool
	Filter   Expr // nil when absent
	// Dir is "asc" or "desc" when written after the first argument, as in
	// rank(revenue asc); DirSpan is where.
	Dir     string
	DirSpan Span
	// Over is the window of a window helper or window aggregate in a
	// formula: over (partition by d1, …); nil when absent.
	Over *Over
	Span Span
}

// Over is "over (partition by d1, …)" or "over ()" after a call.
type Over struct {
	Partition []*Ident
	Span      Span
}

func (e *Ident) Pos() Span     { return e.Span }
func (e *ParamRef) Pos() Span  { return e.Span }
func (e *NumberLit) Pos() Span { return e.Span }
func (e *StringLit) Pos() Span { return e.Span }
func (e *BoolLit) Pos() Span   { return e.Span }
func (e *NullLit) Pos() Span   { return e.Span }
func (e *TypedLit) Pos() Span  { return e.Span }
func (e *Unary) Pos() Span     { return e.Span }
func (e *Binary) Pos() Span    { return e.Span }
func (e *IsNull) Pos() Span    { return e.Span }
func (e *In) Pos() Span        { return e.Span }
func (e *Between) Pos() Span   { return e.Span }
func (e *Like) Pos() Span      { return e.Span }
func (e *Case) Pos() Span      { return e.Span }
func (e *Cast) Pos() Span      { return e.Span }
func (e *Call) Pos() Span      { return e.Span }

func (*Ident) exprNode()     {}
func (*ParamRef) exprNode()  {}
func (*NumberLit) exprNode() {}
func (*StringLit) exprNode() {}
func (*BoolLit) exprNode()   {}
func (*NullLit) exprNode()   {}
func (*TypedLit) exprNode()  {}
func (*Unary) exprNode()     {}
func (*Binary) exprNode()    {}
func (*IsNull) exprNode()    {}
func (*In) exprNode()        {}
func (*Between) exprNode()   {}
func (*Like) exprNode()      {}
func (*Case) exprNode()      {}
func (*Cast) exprNode()      {}
func (*Call) exprNode()      {}

// Walk calls fn for e and, while fn returns true, for its children in
// source order.
func Walk(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	for _, c := range Children(e) {
		Walk(c, fn)
	}
}

// Children returns the direct subexpressions of e in source order.
func Children(e Expr) []Expr {
	switch e := e.(type) {
	case *Ident, *ParamRef, *NumberLit, *StringLit, *BoolLit, *NullLit, *TypedLit:
		return nil
	case *Subquery, *Exists: // a subquery is a scope of its own: see SelectExprs
		return nil
	case *Unary:
		return []Expr{e.X}
	case *Binary:
		return []Expr{e.L, e.R}
	case *IsNull:
		return []Expr{e.X}
	case *In:
		out := append([]Expr{e.X}, e.List...)
		if e.Param != nil {
			out = append(out, e.Param)
		}
		return out
	case *Between:
		return []Expr{e.X, e.Lo, e.Hi}
	case *Like:
		return []Expr{e.X, e.Pattern}
	case *Case:
		return caseChildren(e)
	case *Cast:
		return []Expr{e.X}
	case *Call:
		out := append([]Expr(nil), e.Args...)
		if e.Filter != nil {
			out = append(out, e.Filter)
		}
		if e.Over != nil {
			for _, id := range e.Over.Partition {
				out = append(out, id)
			}
		}
		return out
	default:
		panic("spec: unexpected expression node")
	}
}

func caseChildren(e *Case) []Expr {
	var out []Expr
	if e.Operand != nil {
		out = append(out, e.Operand)
	}
	for _, w := range e.Whens {
		out = append(out, w.Cond, w.Result)
	}
	if e.Else != nil {
		out = append(out, e.Else)
	}
	return out
}
