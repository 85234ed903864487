package compiler

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/compiler/sqlast"
)

// Print writes the checked plan in a stable, readable form: parameters,
// each source with its joins and their relationships, filters and
// resolved columns, the measures with their types, the formulas (windows
// included), having, totals, order and limit, the columns the query
// returns, the post rules with their defaults, and the final columns.
// Expressions are printed by sqlast.Print. The golden tests keep one
// print per case (plan.txt).
func (p *Plan) Print(w io.Writer) error {
	var b strings.Builder
	p.printHeader(&b)
	for _, s := range p.sources {
		s.print(&b)
	}
	p.printFormulas(&b)
	p.printOutput(&b)
	printPost(&b, p.Result)
	_, err := io.WriteString(w, b.String())
	return err
}

// String returns what Print writes.
func (p *Plan) String() string {
	var b strings.Builder
	_ = p.Print(&b)
	return b.String()
}

func (p *Plan) printHeader(b *strings.Builder) {
	fmt.Fprintf(b, "report %s\n", p.Result.Name)
	if p.Result.Title != "" {
		fmt.Fprintf(b, "  title %s\n", strconv.Quote(p.Result.Title))
	}
	shape := "grouped"
	if p.Listing {
		shape = "listing"
	}
	fmt.Fprintf(b, "  %s, dimensions [%s]\n", shape, strings.Join(p.Dimensions, ", "))
	for _, prm := range p.Params {
		typ := sqlast.TypeName(prm.Type)
		if prm.List {
			typ = "list<" + typ + ">"
		}
		fmt.Fprintf(b, "  param %s %s", prm.Name, typ)
		if prm.Optional {
			b.WriteString(" optional")
		}
		if prm.Default != nil {
			fmt.Fprintf(b, " default %s", strconv.Quote(prm.Default.Value))
		}
		b.WriteString("\n")
	}
}

// print writes one source: FROM, joins, where, then its select list with
// each column's role and type.
func (s *sourcePlan) print(b *strings.Builder) {
	q := s.sel
	fmt.Fprintf(b, "source %s as %s\n", s.name, s.cte)
	fmt.Fprintf(b, "  from %s\n", tableName(q.From))
	for _, j := range q.Joins {
		fmt.Fprintf(b, "  join %s %s on %s", strings.ToLower(string(j.Kind)), tableName(j.Table), sqlast.Format(j.On))
		if rel, ok := s.relations[j.Table.Alias]; ok {
			fmt.Fprintf(b, " [%s]", rel)
		} else {
			b.WriteString(" [not analysed]")
		}
		b.WriteString("\n")
	}
	for _, f := range s.filters {
		fmt.Fprintf(b, "  where %s%s\n", sqlast.Format(f.expr), dropNote(f.params))
	}
	if q.Distinct {
		b.WriteString("  distinct\n")
	}
	for _, item := range q.Columns {
		role, typ := s.roleOf(item.Alias)
		fmt.Fprintf(b, "  %s %s %s = %s\n", role, item.Alias, typ, sqlast.Format(item.Expr))
	}
	printGrouping(b, q)
}

func dropNote(params []string) string {
	if len(params) == 0 {
		return ""
	}
	return " [dropped without :" + strings.Join(params, ", :") + "]"
}

func tableName(t sqlast.Table) string {
	name := t.Name
	if t.Schema != "" {
		name = t.Schema + "." + name
	}
	if t.Alias != "" && t.Alias != t.Name {
		name += " " + t.Alias
	}
	return name
}

// roleOf names a select item of the source and its type.
func (s *sourcePlan) roleOf(name string) (string, string) {
	for _, d := range s.dims {
		if d.Name == name {
			return "dimension", sqlast.TypeName(d.Type)
		}
	}
	for _, m := range s.measures {
		if m.Name == name {
			return "measure", sqlast.TypeName(m.Type)
		}
	}
	return "hidden", "int64" // _level and _set, cast to int64
}

func printGrouping(b *strings.Builder, q *sqlast.Select) {
	if len(q.GroupingSets) > 0 {
		sets := make([]string, len(q.GroupingSets))
		for i, set := range q.GroupingSets {
			parts := make([]string, len(set))
			for j, x := range set {
				parts[j] = sqlast.Format(x)
			}
			sets[i] = "(" + strings.Join(parts, ", ") + ")"
		}
		fmt.Fprintf(b, "  grouping sets %s\n", strings.Join(sets, ", "))
		return
	}
	if len(q.GroupBy) > 0 {
		parts := make([]string, len(q.GroupBy))
		for i, x := range q.GroupBy {
			parts[i] = sqlast.Format(x)
		}
		fmt.Fprintf(b, "  group by %s\n", strings.Join(parts, ", "))
	}
}

// printFormulas writes what is computed over the sources' rows.
func (p *Plan) printFormulas(b *strings.Builder) {
	if len(p.formulas) == 0 && len(p.prevJoins) == 0 && len(p.having) == 0 {
		return
	}
	fmt.Fprintf(b, "over %s\n", p.rel)
	for _, j := range p.prevJoins {
		fmt.Fprintf(b, "  previous join %s on %s\n", tableName(j.Table), sqlast.Format(j.On))
	}
	p.printLayers(b)
	for _, f := range p.formulas {
		col, _ := p.Column(f.Alias)
		fmt.Fprintf(b, "  formula %s %s = %s\n", f.Alias, sqlast.TypeName(col.Type), sqlast.Format(f.Expr))
	}
	for _, h := range p.having {
		fmt.Fprintf(b, "  having %s%s\n", sqlast.Format(h.expr), dropNote(h.params))
	}
}

// printOutput writes totals, order, limit and the columns of the query.
func (p *Plan) printOutput(b *strings.Builder) {
	if t := p.spec.Totals; t != nil {
		dims := make([]string, len(t.Dims))
		for i, d := range t.Dims {
			dims[i] = d.Value
		}
		kind := ""
		if t.Rollup {
			kind = "rollup "
		}
		fmt.Fprintf(b, "totals %s[%s]\n", kind, strings.Join(dims, ", "))
	}
	if p.loc != nil && p.loc.String() != "UTC" {
		fmt.Fprintf(b, "local time in %s\n", p.loc)
	}
	if len(p.order) > 0 {
		var o strings.Builder
		sqlast.PrintOrder(&o, p.order)
		fmt.Fprintf(b, "order %s\n", o.String())
	}
	if p.limit != nil {
		fmt.Fprintf(b, "limit %d\n", *p.limit)
	}
	b.WriteString("query columns\n")
	for i, c := range p.Columns {
		rc := p.Result.Columns[i]
		fmt.Fprintf(b, "  %s %s %s (arrow %s)", c.Name, rc.Role, sqlast.TypeName(c.Type), rc.Type)
		if rc.Grain != "" {
			fmt.Fprintf(b, " grain %s", rc.Grain)
		}
		b.WriteString("\n")
	}
}

// printPost writes the post stage's rules, the columns it adds and the
// final order.
func printPost(b *strings.Builder, res *result.Result) {
	for _, o := range res.Outliers {
		fmt.Fprintf(b, "outliers %s %s threshold %g k %g alpha %g max_outliers %d min_group %d direction %s",
			o.Metric, o.Method, o.Threshold, o.K, o.Alpha, o.MaxOutliers, o.MinGroup, o.Direction)
		if len(o.Within) > 0 {
			fmt.Fprintf(b, " within [%s]", strings.Join(o.Within, ", "))
		}
		b.WriteString("\n")
	}
	for _, s := range res.Scores {
		parts := make([]string, len(s.Weights))
		for i, w := range s.Weights {
			parts[i] = fmt.Sprintf("%s %g", w.Metric, w.Weight)
		}
		fmt.Fprintf(b, "score %s = rank blend of %s\n", s.Name, strings.Join(parts, ", "))
	}
	for _, c := range res.Generated {
		fmt.Fprintf(b, "  adds %s %s (arrow %s)\n", c.Name, c.Role, c.Type)
	}
	fmt.Fprintf(b, "final [%s]\n", strings.Join(res.Final, ", "))
	printPivot(b, res.Pivot)
}

// printPivot writes the pivot block as the display stage reads it.
func printPivot(b *strings.Builder, pv *result.Pivot) {
	if pv == nil {
		return
	}
	fmt.Fprintf(b, "pivot %s %s values [%s] max_columns %d\n", pv.Column, sortText(pv.ColumnOrder), strings.Join(pv.Values, ", "), pv.MaxColumns)
	keys := make([]string, len(pv.RowOrder))
	for i, k := range pv.RowOrder {
		keys[i] = k.Name + " " + sortText(k)
	}
	fmt.Fprintf(b, "  rows [%s] sorted by [%s]", strings.Join(pv.Rows, ", "), strings.Join(keys, ", "))
	if pv.Totals != nil {
		fmt.Fprintf(b, " totals [%s]", strings.Join(pv.Totals, ", "))
	}
	b.WriteString("\n")
}

// sortText spells a pivot sort key's direction, e.g. "asc nulls last".
func sortText(k result.SortKey) string {
	s := "asc"
	if k.Desc {
		s = "desc"
	}
	if k.NullsFirst {
		return s + " nulls first"
	}
	return s + " nulls last"
}
