package compiler

import (
	"github.com/assay-dev/assay/compiler/sqlast"
)

// build assembles the final statement. A plain single-source report is one
// SELECT; otherwise each source is a CTE, several sources are joined in a
// "joined" CTE, and formulas, having, order and limit apply on top.
func (p *Plan) build(values map[string]any) *sqlast.Select {
	if len(p.sources) == 1 && p.simple() {
		q := p.sources[0].bound(values)
		q.OrderBy, q.Limit = byExpression(p.order, q), p.limit
		return q
	}
	var ctes []sqlast.CTE
	for _, s := range p.sources {
		ctes = append(ctes, sqlast.CTE{Name: s.cte, Query: s.bound(values)})
	}
	if len(p.sources) > 1 {
		ctes = append(ctes, sqlast.CTE{Name: stackedCTE, Query: p.stacked()}, sqlast.CTE{Name: joinedCTE, Query: p.joined()})
	}
	ctes = append(ctes, p.layerCTEs()...)
	report := p.report()
	p.onLayers(report)
	if !p.wrap {
		report.Comment = p.comment()
		report.With, report.OrderBy, report.Limit = ctes, orderOn(p.order, p.rel), p.limit
		return report
	}
	ctes = append(ctes, sqlast.CTE{Name: reportCTE, Query: report})
	final := &sqlast.Select{With: ctes, From: sqlast.Table{Name: reportCTE}, Where: kept(p.having, values), OrderBy: orderOn(p.order, reportCTE), Limit: p.limit}
	for _, name := range p.output {
		final.Columns = append(final.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: reportCTE, Column: name}, Alias: name})
	}
	final.Comment = p.comment()
	return final
}

// Names of the CTEs assay adds; sources may not use them.
const (
	joinedCTE  = "joined"
	stackedCTE = "stacked"
	reportCTE  = "report"
	singleCTE  = "base"
)

// simple reports whether the single source's SELECT is the whole statement.
// SELECT DISTINCT cannot order by a collated expression, so a distinct
// listing ordered by text reads from a CTE.
func (p *Plan) simple() bool {
	if len(p.formulas) > 0 || p.wrap {
		return false
	}
	if p.sources[0].sel.Distinct {
		for _, o := range p.order {
			if o.Text {
				return false
			}
		}
	}
	return true
}

// orderOn makes ORDER BY items read the relation's columns: with a self
// join for previous(), a bare name would be ambiguous.
func orderOn(order []sqlast.OrderItem, rel string) []sqlast.OrderItem {
	out := make([]sqlast.OrderItem, len(order))
	for i, o := range order {
		out[i] = o
		if col, ok := o.Expr.(*sqlast.Column); ok && col.Table == "" {
			out[i].Expr = &sqlast.Column{Table: rel, Column: col.Column}
		}
	}
	return out
}

// report selects the dimensions, measures and formulas from the relation.
func (p *Plan) report() *sqlast.Select {
	q := &sqlast.Select{From: sqlast.Table{Name: p.rel}, Joins: p.prevJoins}
	selected := map[string]bool{}
	if !p.wrap {
		for _, n := range p.output {
			selected[n] = true
		}
	}
	for _, c := range p.names {
		if p.wrap || selected[c.Name] {
			if f := p.formula(c.Name); f != nil {
				q.Columns = append(q.Columns, *f)
				continue
			}
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: p.rel, Column: c.Name}, Alias: c.Name})
		}
	}
	return q
}

func (p *Plan) formula(name string) *sqlast.SelectItem {
	for i := range p.formulas {
		if p.formulas[i].Alias == name {
			return &p.formulas[i]
		}
	}
	return nil
}

// joined combines the source CTEs into one row per combination of the
// shared dimensions (and totals level): the sources are stacked with UNION
// ALL, each filling only its own measures, and grouped by the keys. This is
// a full outer join on the keys in which NULL keys match each other; it is
// written this way because PostgreSQL cannot full-join on IS NOT DISTINCT
// FROM. A count measure of a source without rows for a combination is 0,
// its other measures NULL.
func (p *Plan) joined() *sqlast.Select {
	keys := p.keys()
	q := &sqlast.Select{From: sqlast.Table{Name: stackedCTE}}
	for _, k := range keys {
		col := &sqlast.Column{Table: stackedCTE, Column: k}
		q.Columns = append(q.Columns, sqlast.SelectItem{Expr: col, Alias: k})
		q.GroupBy = append(q.GroupBy, col)
	}
	for _, s := range p.sources {
		for _, m := range s.measures {
			var e sqlast.Expr = &sqlast.Func{Name: "max", Args: []sqlast.Expr{&sqlast.Column{Table: stackedCTE, Column: m.Name}}}
			if s.counts[m.Name] {
				e = &sqlast.Func{Name: "coalesce", Args: []sqlast.Expr{e, &sqlast.Literal{Kind: sqlast.Number, Text: "0"}}}
			}
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: e, Alias: m.Name})
		}
	}
	return q
}

// stacked is the UNION ALL of the sources, each with every measure column.
func (p *Plan) stacked() *sqlast.Select {
	var branches []*sqlast.Select
	for _, s := range p.sources {
		b := &sqlast.Select{From: sqlast.Table{Name: s.cte}}
		for _, k := range p.keys() {
			b.Columns = append(b.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: s.cte, Column: k}, Alias: k})
		}
		for _, other := range p.sources {
			for _, m := range other.measures {
				var e sqlast.Expr = &sqlast.Column{Table: s.cte, Column: m.Name}
				if other != s {
					e = &sqlast.Cast{X: &sqlast.Literal{Kind: sqlast.Null}, Type: m.Type}
				}
				b.Columns = append(b.Columns, sqlast.SelectItem{Expr: e, Alias: m.Name})
			}
		}
		branches = append(branches, b)
	}
	branches[0].UnionAll = branches[1:]
	return branches[0]
}

// keys are the dimension names, and _level with totals.
func (p *Plan) keys() []string {
	var keys []string
	for _, d := range p.sources[0].dims {
		keys = append(keys, d.Name)
	}
	if p.totals && !p.Listing {
		keys = append(keys, LevelColumn)
		if p.sets {
			keys = append(keys, setColumn)
		}
	}
	return keys
}

func and(es []sqlast.Expr) sqlast.Expr {
	out := es[0]
	for _, e := range es[1:] {
		out = &sqlast.Binary{Op: "AND", L: out, R: e}
	}
	return out
}

// comment names the report and its file above the whole statement.
func (p *Plan) comment() string {
	r := p.spec
	if r.File == nil {
		return "report " + r.Name.Value
	}
	return "report " + r.Name.Value + " (" + r.File.Name + ")"
}

// byExpression makes ORDER BY items on text use the selected expression
// rather than its output name: a collation turns the item into an
// expression, and in an expression PostgreSQL does not see output names.
func byExpression(order []sqlast.OrderItem, q *sqlast.Select) []sqlast.OrderItem {
	out := make([]sqlast.OrderItem, len(order))
	for i, o := range order {
		out[i] = o
		col, ok := o.Expr.(*sqlast.Column)
		if !ok || !o.Text {
			continue
		}
		for _, item := range q.Columns {
			if item.Alias == col.Column {
				out[i].Expr = item.Expr
			}
		}
	}
	return out
}
