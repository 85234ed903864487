package compiler

import (
	"fmt"
	"time"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// LevelColumn is the extra output column of a report with totals: the
// number of dimensions rolled up (0 = a detail row).
const LevelColumn = result.LevelColumn

// setColumn is a hidden column of reports with totals that compute over
// several rows (formulas, several sources): which grouping set a row
// belongs to, as GROUPING(d1, …, dn). Subtotals of different dimensions
// can share a _level; they never share a set.
const setColumn = "_set"

// Plan is a checked report, ready to be bound to parameter values and
// rendered. Its exported fields are what the stages after the compiler
// read; the embedded working state is the compiler's own.
type Plan struct {
	// Result is what the stages after the query read: the report's name,
	// its columns with Arrow types, the post rules, the generated columns,
	// the final order and the display data.
	Result *result.Result
	// Columns are the columns the SQL returns, in order, with their
	// logical types (Result.Columns has the same names with Arrow types).
	Columns []Column
	Params  []*Param
	// Listing is true for a report without measures: rows are not grouped.
	Listing bool
	// Dimensions are the names of the dimensions, in order.
	Dimensions []string

	work
}

// work is the compiler's working state of a plan. Each field names the
// step of Compile (a checker method) that sets it; Bind and the printer
// read it.
type work struct {
	spec      *spec.Report          // Compile: the spec tree, never modified
	loc       *time.Location        // Compile: the zone of local time and relative dates
	totals    bool                  // Compile: the report has totals
	sets      bool                  // Compile: sources carry the hidden _set column
	limit     *int64                // Compile: the spec's limit
	sources   []*sourcePlan         // source: one checked SELECT per source
	rel       string                // shared: the relation formulas read, a source CTE or "joined"
	names     []Column              // nameScope, formulas: dimensions, _level, measures and formulas in order
	grains    map[string]string     // nameScope: time-grain dimensions, name → grain
	formulas  []sqlast.SelectItem   // formulas: the formulas' SELECT items
	prevJoins []sqlast.Join         // formulas: self joins for previous/change/pct_change
	layers    [][]sqlast.SelectItem // formulas: window formulas other windows read, by layer
	layerOf   map[string]int        // formulas: the layer of each of them
	having    []filter              // having: filters over the "report" relation
	output    []string              // columns: the names the final SELECT returns
	final     []string              // columns: the finished result's order; nil when it is output
	wrap      bool                  // formulas, having, columns: compute into a "report" CTE, filter and order outside
	order     []sqlast.OrderItem    // order: the ORDER BY items
}

// Column is one output column of the report with its logical type.
type Column struct {
	Name string
	Type catalog.Type
}

// Param is a declared report parameter with its resolved type.
type Param struct {
	Name     string
	Type     catalog.Type // the base type; a list holds values of it
	List     bool
	Optional bool
	Default  *spec.Str
	Spec     *spec.Param
}

// sourcePlan is one checked source: its grouped SELECT without WHERE.
type sourcePlan struct {
	name     string
	cte      string
	sel      *sqlast.Select
	filters  []filter
	dims     []Column
	measures []Column
	counts   map[string]bool // count measures: 0, not NULL, where the source has no rows
	// relations describes each analysed join by alias, for the printer:
	// "many_to_one from v (declared)".
	relations map[string]string
}

// filter is one `where` entry and the optional parameters it references.
type filter struct {
	expr   sqlast.Expr
	params []string
}

// Param returns the parameter called name, or nil.
func (p *Plan) Param(name string) *Param {
	for _, prm := range p.Params {
		if prm.Name == name {
			return prm
		}
	}
	return nil
}

// Column returns the output column called name.
func (p *Plan) Column(name string) (Column, bool) {
	for _, c := range p.names {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Bind returns the statement for the given parameter values (as returned
// by Values). A where entry that references an optional parameter without
// a value is dropped.
func (p *Plan) Bind(values map[string]any) (*sqlast.Select, error) {
	for _, prm := range p.Params {
		if v, ok := values[prm.Name]; (!ok || v == nil) && !prm.Optional {
			return nil, fmt.Errorf("%w: %s", ErrMissingParam, prm.Name)
		}
	}
	if len(p.sources) == 0 {
		return nil, fmt.Errorf("plan of %s has no source", p.Result.Name)
	}
	return p.build(values), nil
}

// bound returns the source's SELECT with the where entries that apply.
func (s *sourcePlan) bound(values map[string]any) *sqlast.Select {
	q := *s.sel
	q.Where = kept(s.filters, values)
	return &q
}

// kept returns the entries whose optional params all have a value.
func kept(fs []filter, values map[string]any) []sqlast.Expr {
	var out []sqlast.Expr
	for _, f := range fs {
		keep := true
		for _, name := range f.params {
			if v, ok := values[name]; !ok || v == nil {
				keep = false
			}
		}
		if keep {
			out = append(out, f.expr)
		}
	}
	return out
}
