package dialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// Query is rendered SQL and its bind arguments in placeholder order.
type Query struct {
	SQL  string
	Args []any
}

// Render writes sel as SQL. values holds the bound value of every
// parameter the statement references (a []any for a list parameter). With
// inline, values are written as literals and Args is empty. The statement
// is written into one builder, each node appending its own text, so the
// time and memory of rendering grow linearly with the SQL.
func (d *Dialect) Render(sel *sqlast.Select, values map[string]any, inline bool) (Query, error) {
	r := &renderer{d: d, b: &strings.Builder{}, values: values, inline: inline, slots: map[string][]string{}}
	r.selectStmt(sel, "")
	if r.err != nil {
		return Query{}, r.err
	}
	return Query{SQL: r.b.String(), Args: r.args}, nil
}

type renderer struct {
	d      *Dialect
	b      *strings.Builder
	values map[string]any
	inline bool
	args   []any
	slots  map[string][]string // param name → its placeholders, reused on repeat
	indent string              // of the SELECT being written, for a derived table in it
	depth  int                 // nesting of expr, bounded by maxRenderDepth
	err    error

	quantileCTEs int // numbers the CTEs of QuantileRows (quantile.go)
}

func (r *renderer) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

// Ident quotes a name with the dialect's quote character, doubling it
// inside the name.
func (d *Dialect) Ident(name string) string {
	q := d.Quote
	if q == "" {
		q = `"`
	}
	return q + strings.ReplaceAll(name, q, q+q) + q
}

func (r *renderer) ident(name string) { r.b.WriteString(r.d.Ident(name)) }

func (r *renderer) selectStmt(s *sqlast.Select, indent string) {
	if len(s.GroupingSets) > 0 && r.d.UnionGroupingSets {
		u, err := unionGroupingSets(s)
		if err != nil {
			r.fail("%w", err)
			return
		}
		s = u
	}
	if r.d.QuantileRows {
		q, err := r.quantileRows(s)
		if err != nil {
			r.fail("%w", err)
			return
		}
		s = q
	}
	if r.d.FullJoinUnion {
		s = r.fullJoins(s)
	}
	r.indent = indent
	if s.Comment != "" {
		r.b.WriteString(indent + "-- " + oneLine(s.Comment) + "\n")
	}
	r.with(s.With, indent)
	r.b.WriteString(indent + "SELECT")
	if s.Distinct {
		r.b.WriteString(" DISTINCT")
	}
	for i, c := range s.Columns {
		if c.Comment != "" {
			r.b.WriteString("\n" + indent + "  -- " + oneLine(c.Comment))
		}
		r.b.WriteString("\n" + indent + "  ")
		r.expr(c.Expr)
		r.b.WriteString(" AS ")
		r.ident(c.Alias)
		if i < len(s.Columns)-1 {
			r.b.WriteByte(',')
		}
	}
	r.b.WriteString("\n" + indent + "FROM ")
	r.table(s.From)
	for _, j := range s.Joins {
		if j.Kind == sqlast.Full {
			r.lacks("FULL JOIN")
		}
		r.b.WriteString("\n" + indent + string(j.Kind) + " JOIN ")
		r.table(j.Table)
		r.b.WriteString(" ON ")
		r.expr(j.On)
	}
	r.conjunction(indent+"WHERE ", s.Where)
	r.list(indent+"GROUP BY ", s.GroupBy)
	r.groupingSets(indent, s.GroupingSets)
	r.conjunction(indent+"HAVING ", s.Having)
	for _, u := range s.UnionAll {
		r.b.WriteString("\n" + indent + "UNION ALL\n")
		r.selectStmt(u, indent)
	}
	r.orderBy(indent, s.OrderBy)
	if s.Limit != nil {
		r.b.WriteString("\n" + indent + "LIMIT " + strconv.FormatInt(*s.Limit, 10))
	}
}

func (r *renderer) with(ctes []sqlast.CTE, indent string) {
	for i, c := range ctes {
		if i == 0 {
			r.b.WriteString(indent + "WITH ")
		} else {
			r.b.WriteString(",\n" + indent)
		}
		r.ident(c.Name)
		r.b.WriteString(" AS (\n")
		r.selectStmt(c.Query, indent+"  ")
		r.b.WriteString("\n" + indent + ")")
	}
	if len(ctes) > 0 {
		r.b.WriteString("\n")
	}
}

func (r *renderer) table(t sqlast.Table) {
	if t.Query != nil {
		r.derived(t)
		return
	}
	if t.Schema != "" {
		r.ident(t.Schema)
		r.b.WriteByte('.')
	}
	r.ident(t.Name)
	if t.Alias != "" {
		r.b.WriteString(" AS ")
		r.ident(t.Alias)
	}
}

func (r *renderer) conjunction(head string, es []sqlast.Expr) {
	for i, e := range es {
		if i == 0 {
			r.b.WriteString("\n" + head)
		} else {
			r.b.WriteString("\n  AND ")
		}
		r.operand(e, precAnd+1)
	}
}

func (r *renderer) list(head string, es []sqlast.Expr) {
	if len(es) == 0 {
		return
	}
	r.b.WriteString("\n" + head)
	r.exprList(es)
}

func (r *renderer) groupingSets(indent string, sets [][]sqlast.Expr) {
	if len(sets) == 0 {
		return
	}
	r.lacks("GROUPING SETS")
	r.b.WriteString("\n" + indent + "GROUP BY GROUPING SETS (")
	for i, set := range sets {
		if i > 0 {
			r.b.WriteString(", ")
		}
		r.b.WriteByte('(')
		r.exprList(set)
		r.b.WriteByte(')')
	}
	r.b.WriteByte(')')
}

func (r *renderer) orderBy(indent string, items []sqlast.OrderItem) {
	if len(items) == 0 {
		return
	}
	r.b.WriteString("\n" + indent + "ORDER BY ")
	r.orderItems(items)
}

func (r *renderer) orderItems(items []sqlast.OrderItem) {
	for i, o := range items {
		if i > 0 {
			r.b.WriteString(", ")
		}
		// x IS NULL sorts NULLs last, DESC first. MySQL sorts NULL below
		// every value, so it is needed only against that order: MariaDB
		// refuses an aggregate's alias inside an ORDER BY expression,
		// which a descending sum with NULLs last then never meets.
		if r.d.NoNullsOrder && o.Desc == o.NullsFirst {
			r.operand(o.Expr, precCompare+1)
			r.b.WriteString(" IS NULL")
			if o.NullsFirst {
				r.b.WriteString(" DESC")
			}
			r.b.WriteString(", ")
		}
		r.expr(o.Expr)
		if o.Text {
			r.b.WriteString(r.d.TextOrder)
		}
		if o.Desc {
			r.b.WriteString(" DESC")
		}
		switch {
		case r.d.NoNullsOrder:
		case o.NullsFirst:
			r.b.WriteString(" NULLS FIRST")
		default:
			r.b.WriteString(" NULLS LAST")
		}
	}
}

// param renders a parameter reference as placeholders or inlined literals.
func (r *renderer) param(p *sqlast.Param) []string {
	if s, ok := r.slots[p.Name]; ok && !r.d.Positional {
		return s
	}
	v, ok := r.values[p.Name]
	if !ok {
		r.fail("no value bound for parameter %q", p.Name)
		return []string{"NULL"}
	}
	vals := []any{v}
	if p.List {
		list, ok := v.([]any)
		if !ok {
			r.fail("parameter %q: expected a list value, got %T", p.Name, v)
			return []string{"NULL"}
		}
		vals = list
	}
	var out []string
	for _, v := range vals {
		out = append(out, r.value(v, p.Type))
	}
	r.slots[p.Name] = out
	return out
}

func (r *renderer) value(v any, t catalog.Type) string {
	if r.inline {
		s, err := r.d.Literal(v, t)
		if err != nil {
			r.fail("%w", err)
		}
		return s
	}
	r.args = append(r.args, v)
	ph := r.d.Placeholder(len(r.args))
	if t.Kind.IsTemporal() {
		return "CAST(" + ph + " AS " + r.d.TypeName(t) + ")"
	}
	return ph
}

// lacks fails the render when the dialect lacks feature.
func (r *renderer) lacks(feature string) {
	if reason, ok := r.d.Lacks[feature]; ok {
		r.fail("%s", reason)
	}
}

// oneLine keeps a comment on its line: a newline in a file name must not
// end the comment and start SQL.
func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "\r", " ").Replace(s)
}
