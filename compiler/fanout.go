package compiler

import (
	"fmt"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/spec"
)

// joinGraph is the tree of a source's joins: each join hangs below the
// alias its `on` condition connects it to. Each edge knows whether it can
// repeat rows on either side.
type joinGraph struct {
	root      string
	rootTable *catalog.Table
	order     []string         // aliases in declaration order
	parent    map[string]*edge // alias → the edge that joined it
}

// edge is one join: parent → child, with its cardinality both ways.
type edge struct {
	parent, child string
	// manyChildren: one parent row can match several child rows.
	// manyParents: one child row can match several parent rows.
	manyChildren, manyParents bool
	join                      *spec.Join
	table                     *catalog.Table
}

func newJoinGraph(root string) *joinGraph {
	return &joinGraph{root: root, order: []string{root}, parent: map[string]*edge{}}
}

// add records a join, inferring its cardinality from the equalities of its
// condition and the reflected keys, unless `relationship:` declares it.
func (g *joinGraph) add(s *scope, j *spec.Join, t *catalog.Table) {
	child := j.Alias.Value
	e := &edge{child: child, join: j, table: t, manyChildren: true, manyParents: true}
	parentCols, childCols := map[string][]string{}, []string{}
	for _, eq := range equalities(j.On) {
		l, r := resolveAlias(s, eq[0]), resolveAlias(s, eq[1])
		if r.alias == child && l.alias != child {
			l, r = r, l
		}
		if l.alias == child && r.alias != "" && r.alias != child {
			childCols = append(childCols, l.column)
			parentCols[r.alias] = append(parentCols[r.alias], r.column)
		}
	}
	for alias, cols := range parentCols {
		if e.parent == "" || len(cols) > len(parentCols[e.parent]) {
			e.parent = alias
		}
		_ = cols
	}
	if e.parent == "" {
		e.parent = g.root
	} else {
		if t != nil {
			e.manyChildren = !t.IsUnique(childCols)
		}
		if pt := s.aliases[e.parent]; pt != nil {
			e.manyParents = !pt.IsUnique(parentCols[e.parent])
		}
	}
	declared(e, j.Relationship.Value)
	g.parent[child] = e
	g.order = append(g.order, child)
}

// relations describes each join of the graph by its alias: its
// cardinality (left rows to joined rows), the alias it hangs below and
// whether `relationship:` declared it.
func (g *joinGraph) relations() map[string]string {
	out := map[string]string{}
	for alias, e := range g.parent {
		rel := [2][2]string{{"one_to_one", "many_to_one"}, {"one_to_many", "many_to_many"}}[b2i(e.manyChildren)][b2i(e.manyParents)]
		out[alias] = rel + " from " + e.parent
		if e.join.Relationship.Value != "" {
			out[alias] += " (declared)"
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// declared applies a `relationship:` (left rows to joined rows).
func declared(e *edge, rel string) {
	switch rel {
	case "many_to_one":
		e.manyChildren, e.manyParents = false, true
	case "one_to_one":
		e.manyChildren, e.manyParents = false, false
	case "one_to_many":
		e.manyChildren, e.manyParents = true, false
	case "many_to_many":
		e.manyChildren, e.manyParents = true, true
	}
}

// equalities returns the a = b pairs of column references ANDed in e.
func equalities(e spec.Expr) [][2]*spec.Ident {
	switch e := e.(type) {
	case *spec.Binary:
		if e.Op == "and" {
			return append(equalities(e.L), equalities(e.R)...)
		}
		l, lok := e.L.(*spec.Ident)
		r, rok := e.R.(*spec.Ident)
		if e.Op == "=" && lok && rok {
			return [][2]*spec.Ident{{l, r}}
		}
	}
	return nil
}

type aliasColumn struct{ alias, column string }

// resolveAlias finds the alias of a column reference without reporting errors.
func resolveAlias(s *scope, id *spec.Ident) aliasColumn {
	if len(id.Parts) == 2 {
		return aliasColumn{id.Parts[0], id.Parts[1]}
	}
	var found aliasColumn
	for _, a := range s.order {
		if t := s.aliases[a]; t != nil {
			if _, ok := t.Column(id.Parts[0]); ok {
				if found.alias != "" {
					return aliasColumn{}
				}
				found = aliasColumn{a, id.Parts[0]}
			}
		}
	}
	return found
}

// repeats returns the first join that can repeat rows of alias, and the
// alias on its other side whose matching rows repeat them; nil when none.
func (g *joinGraph) repeats(alias string) (*edge, string) {
	for _, a := range g.order[1:] {
		e := g.parent[a]
		if g.below(alias, e.child) {
			if e.manyParents {
				return e, e.parent
			}
		} else if e.manyChildren {
			return e, e.child
		}
	}
	return nil, ""
}

// below reports whether alias is child or joined (transitively) below it.
func (g *joinGraph) below(alias, child string) bool {
	for seen := 0; alias != "" && seen <= len(g.order); seen++ {
		if alias == child {
			return true
		}
		e := g.parent[alias]
		if e == nil {
			return false
		}
		alias = e.parent
	}
	return false
}

// fanOut reports an aggregate that a to-many join makes count rows more
// than once. Duplicate-insensitive aggregates (min, max, distinct) are fine;
// an aggregate is fine when its rows are those of some alias no join repeats.
func (c *checker) fanOut(ctx *exprCtx, e *spec.Call, args []spec.Expr) {
	g := ctx.graph
	if g == nil || e.Name == "min" || e.Name == "max" || e.Distinct || len(g.order) == 1 {
		return
	}
	aliases := aggregatedAliases(ctx.scope, args)
	if len(aliases) == 0 { // count(*), count(1): any alias whose rows are not repeated
		aliases = g.order
	}
	var first *edge
	firstAlias, by := "", ""
	for _, a := range aliases {
		e, other := g.repeats(a)
		if e == nil {
			return
		}
		if first == nil {
			first, firstAlias, by = e, a, other
		}
	}
	j := first.join
	name := "this measure"
	if ctx.measure != nil {
		name = "measure \"" + ctx.measure.Name.Value + "\""
	}
	c.ds.Errorf(spec.CodeFanOut, e.NameSpan,
		"%s: %s() would count each row of %s once for every matching row of %s (join %q); %smove the measure to a source of its own, use a duplicate-insensitive aggregate (min, max, count(distinct …)), or declare `relationship:` on join %q if the data is really to-one",
		name, e.Name, g.describe(firstAlias), g.describe(by), j.Alias.Value, existsHint(j, by, aliases), j.Alias.Value)
}

// existsHint suggests a semi-join when the repeating join only filters:
// the measure reads none of its columns, and `exists` repeats no row.
func existsHint(j *spec.Join, by string, aliases []string) string {
	if by != j.Alias.Value || contains(aliases, by) || j.Table.Table.Value == "" {
		return ""
	}
	return fmt.Sprintf("if join %q only filters the rows, drop it and write the test in `where` as exists (select 1 from %s %s where …), which repeats no row; or ",
		by, j.Table.Table.Value, by)
}

// describe names an alias and its table: "st (staff)".
func (g *joinGraph) describe(alias string) string {
	if e := g.parent[alias]; e != nil && e.table != nil {
		return alias + " (" + e.table.Name + ")"
	}
	if alias == g.root && g.rootTable != nil {
		return alias + " (" + g.rootTable.Name + ")"
	}
	return alias
}

// aggregatedAliases lists the aliases whose columns an aggregate reads.
func aggregatedAliases(s *scope, args []spec.Expr) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range args {
		spec.Walk(a, func(x spec.Expr) bool {
			if id, ok := x.(*spec.Ident); ok {
				if ac := resolveAlias(s, id); ac.alias != "" && !seen[ac.alias] {
					seen[ac.alias] = true
					out = append(out, ac.alias)
				}
			}
			return true
		})
	}
	return out
}
