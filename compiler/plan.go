package compiler

import (
	"fmt"

	"github.com/assay-dev/assay/catalog"
	"github.com/assay-dev/assay/compiler/sqlast"
	"github.com/assay-dev/assay/spec"
)

// Plan is a checked report, ready to be bound to parameter values and rendered.
type Plan struct {
	Report  *spec.Report
	Columns []Column
	Params  []*Param
	// Listing is true for a report without measures: rows are not grouped.
	Listing bool

	query   *sqlast.Select // WHERE left empty; filters below are added by Bind
	filters []filter
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

// filter is one `where` entry and the parameters it references.
type filter struct {
	expr   sqlast.Expr
	params []string
}

// Bind returns the statement for the given parameter values (as returned
// by Values). A where entry that references an optional parameter without
// a value is dropped.
func (p *Plan) Bind(values map[string]any) (*sqlast.Select, error) {
	q := *p.query
	q.Where = nil
	for _, f := range p.filters {
		keep := true
		for _, name := range f.params {
			if v, ok := values[name]; !ok || v == nil {
				keep = false
			}
		}
		if keep {
			q.Where = append(q.Where, f.expr)
		}
	}
	for _, prm := range p.Params {
		if v, ok := values[prm.Name]; (!ok || v == nil) && !prm.Optional {
			return nil, fmt.Errorf("%w: %s", ErrMissingParam, prm.Name)
		}
	}
	return &q, nil
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
