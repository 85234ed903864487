package compiler

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// Windows over windows. SQL cannot nest window functions, so a window
// formula used as the metric of another window (rank(share_in_region)) is
// computed first, in a layer of its own: a CTE with every column of the
// relation formulas read plus that formula. The next layer, or the final
// report SELECT, reads the previous layer instead of the relation. Layers
// have the relation's rows one for one (period offsets are left joins on
// the relation's keys), so each window sees the same rows.

// layerPrefix starts the names of the layer CTEs; a dash cannot appear in
// a source name, so they cannot collide.
const layerPrefix = "layer-"

func layerName(depth int) string { return layerPrefix + strconv.Itoa(depth) }

// formulaRef is a reference to formula f from a formula. Inside a window's
// metric, a formula computed by a window is read from its layer.
func (c *checker) formulaRef(ctx *exprCtx, f *spec.Formula) typed {
	x := c.formula(f)
	if !ctx.inWindow || !x.ok() || !hasWindow(x.sql) {
		return x
	}
	return c.materialize(f.Name.Value, x)
}

// materialize puts the window formula name into the layer after the
// deepest layer it reads, once, and returns the column there.
func (c *checker) materialize(name string, x typed) typed {
	p := c.plan
	if p.layerOf == nil {
		p.layerOf = map[string]int{}
	}
	depth, done := p.layerOf[name]
	if !done {
		depth = layerDepth(x.sql) + 1
		for len(p.layers) < depth {
			p.layers = append(p.layers, nil)
		}
		p.layers[depth-1] = append(p.layers[depth-1], sqlast.SelectItem{Expr: x.sql, Alias: name})
		p.layerOf[name] = depth
		p.wrap = true
	}
	return typed{sql: &sqlast.Column{Table: layerName(depth), Column: name}, t: x.t}
}

// layerDepth is the deepest layer e reads (0: none).
func layerDepth(e sqlast.Expr) int {
	depth := 0
	if col, ok := e.(*sqlast.Column); ok && strings.HasPrefix(col.Table, layerPrefix) {
		depth, _ = strconv.Atoi(strings.TrimPrefix(col.Table, layerPrefix))
	}
	for _, x := range sqlast.Children(e) {
		depth = max(depth, layerDepth(x))
	}
	return depth
}

// layerCTEs are the layers as CTEs, each reading the one before it (the
// first reads the relation), with the relation's columns, the earlier
// layers' formulas and its own.
func (p *Plan) layerCTEs() []sqlast.CTE {
	var out []sqlast.CTE
	carried := p.relationColumns()
	for i, items := range p.layers {
		from := p.rel
		if i > 0 {
			from = layerName(i)
		}
		q := &sqlast.Select{From: sqlast.Table{Name: from}, Comment: fmt.Sprintf("window formulas computed before the windows that use them (layer %d)", i+1)}
		for _, name := range carried {
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: &sqlast.Column{Table: from, Column: name}, Alias: name})
		}
		for _, item := range items {
			q.Columns = append(q.Columns, sqlast.SelectItem{Expr: p.fromLayer(item.Expr, from), Alias: item.Alias})
			carried = append(carried, item.Alias)
		}
		p.readLayer(q, from)
		q.Joins = usedJoins(q)
		out = append(out, sqlast.CTE{Name: layerName(i + 1), Query: q})
	}
	return out
}

// relationColumns are the columns of the relation formulas read: the
// dimensions, _level, the measures and, with totals, the hidden _set.
func (p *Plan) relationColumns() []string {
	var out []string
	for _, col := range p.names {
		if p.formula(col.Name) == nil && (p.layerOf == nil || p.layerOf[col.Name] == 0) {
			out = append(out, col.Name)
		}
	}
	if p.sets && !p.Listing {
		out = append(out, setColumn)
	}
	return out
}

// readLayer adds the period offsets' self joins to a SELECT that reads
// from instead of the relation.
func (p *Plan) readLayer(q *sqlast.Select, from string) {
	for _, j := range p.prevJoins {
		q.Joins = append(q.Joins, sqlast.Join{Kind: j.Kind, Table: j.Table, On: p.fromLayer(j.On, from)})
	}
}

// fromLayer makes e read from instead of the relation and the layers.
func (p *Plan) fromLayer(e sqlast.Expr, from string) sqlast.Expr {
	if from == p.rel {
		return e
	}
	e = sqlast.Retarget(e, p.rel, from)
	for i := range p.layers {
		if name := layerName(i + 1); name != from {
			e = sqlast.Retarget(e, name, from)
		}
	}
	return e
}

// onLayers rewrites the report SELECT (built over the relation) to read
// the last layer.
func (p *Plan) onLayers(q *sqlast.Select) {
	if len(p.layers) == 0 {
		return
	}
	last := layerName(len(p.layers))
	q.From = sqlast.Table{Name: last}
	q.Joins = nil
	p.readLayer(q, last)
	for i := range q.Columns {
		q.Columns[i].Expr = p.fromLayer(q.Columns[i].Expr, last)
	}
}

func (p *Plan) printLayers(b *strings.Builder) {
	for i, items := range p.layers {
		for _, item := range items {
			col, _ := p.Column(item.Alias)
			fmt.Fprintf(b, "  layer %d %s %s = %s\n", i+1, item.Alias, sqlast.TypeName(col.Type), sqlast.Format(item.Expr))
		}
	}
}

// usedJoins keeps the self joins whose alias the SELECT's columns read.
func usedJoins(q *sqlast.Select) []sqlast.Join {
	var out []sqlast.Join
	for _, j := range q.Joins {
		for _, item := range q.Columns {
			if readsTable(item.Expr, j.Table.Alias) {
				out = append(out, j)
				break
			}
		}
	}
	return out
}

func readsTable(e sqlast.Expr, table string) bool {
	if col, ok := e.(*sqlast.Column); ok && col.Table == table {
		return true
	}
	for _, x := range sqlast.Children(e) {
		if readsTable(x, table) {
			return true
		}
	}
	return false
}
