package spectest

import (
	"context"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/engine"
	"github.com/assay-dev/assay/spec"
)

// fixtureRow is one given row, checked and converted: the columns it
// names and their values in the text form the database reads.
type fixtureRow struct {
	table *catalog.Table
	node  *yaml.Node
	cols  []string
	vals  []any
}

// fixture checks the given rows of a case against the catalog: the tables
// and columns must exist, every value must fit its column's type (and
// not be null in a NOT NULL column), and every row must give its table's
// primary key.
func (r *Runner) fixture(f *File, c *Case) ([]fixtureRow, spec.Diagnostics) {
	var ds spec.Diagnostics
	var out []fixtureRow
	seen := map[*catalog.Table]bool{}
	for _, g := range c.Given {
		schema, name, ok := strings.Cut(g.Table.Value, ".")
		if !ok {
			schema, name = "", g.Table.Value
		}
		t, found := r.Catalog.Lookup(schema, name)
		if !found {
			ds.Errorf(spec.CodeUnknownTable, nodeSpan(f.Src, g.Table), "unknown table %q%s", g.Table.Value, spec.DidYouMean(name, r.Catalog.TableNames()))
			continue
		}
		if seen[t] {
			ds.Errorf(spec.CodeDuplicate, nodeSpan(f.Src, g.Table), "table %q is given twice", g.Table.Value)
			continue
		}
		seen[t] = true
		for _, rn := range g.Rows {
			if fr, ok := r.fixtureRow(f, t, rn, &ds); ok {
				out = append(out, fr)
			}
		}
	}
	return out, ds
}

// fixtureRow converts one given row.
func (r *Runner) fixtureRow(f *File, t *catalog.Table, n *yaml.Node, ds *spec.Diagnostics) (fixtureRow, bool) {
	fr := fixtureRow{table: t, node: n}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		col, found := t.Column(k.Value)
		if !found {
			ds.Errorf(spec.CodeUnknownColumn, nodeSpan(f.Src, k), "table %s has no column %q%s", t.Name, k.Value, spec.DidYouMean(k.Value, t.ColumnNames()))
			ok = false
			continue
		}
		val, err := fixtureText(v, col.Type, r.Timezone)
		if err != nil {
			ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, v), "%s.%s (%s): %v", t.Name, col.Name, col.Type, err)
			ok = false
			continue
		}
		if val == nil && !col.Nullable {
			ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, v), "%s.%s is NOT NULL in the database: leave the column out of the row rather than give it null", t.Name, col.Name)
			ok = false
			continue
		}
		fr.cols = append(fr.cols, col.Name)
		fr.vals = append(fr.vals, val)
	}
	for _, key := range t.PrimaryKey {
		if i := indexOf(fr.cols, key); i < 0 || fr.vals[i] == nil {
			ds.Errorf(spec.CodeMissingKey, nodeSpan(f.Src, n), "this row of %s needs %s: it is (part of) the table's primary key", t.Name, key)
			ok = false
		}
	}
	return fr, ok
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// load inserts the rows into the sandbox. A row the database refuses (a
// value out of range, a duplicate key) is an error at the row.
func load(ctx context.Context, sb engine.Sandbox, f *File, rows []fixtureRow) spec.Diagnostics {
	var ds spec.Diagnostics
	for _, fr := range rows {
		if err := sb.Insert(ctx, fr.table, fr.cols, fr.vals); err != nil {
			if ctx.Err() != nil {
				ds.Errorf(spec.CodeBadValue, spec.Span{}, "interrupted: %v", err)
				return ds
			}
			ds.Errorf(spec.CodeBadValue, nodeSpan(f.Src, fr.node), "the database refused this row of %s: %v", fr.table.Name, err)
		}
	}
	return ds
}
