package compiler

import (
	"github.com/apache/arrow-go/v18/arrow"

	"github.com/assay-dev/assay/compiler/result"
	"github.com/assay-dev/assay/spec"
)

// result fills in the plan's Result once the names, the columns and the
// post rules are checked: the query columns with their Arrow types and
// roles, the generated columns, the final order and the display data.
func (c *checker) result(r *spec.Report) {
	p, res := c.plan, c.plan.Result
	for _, col := range p.Columns {
		res.Columns = append(res.Columns, result.Column{Name: col.Name, Type: result.ArrowType(col.Type),
			Role: c.roleOf(col.Name), Grain: p.grains[col.Name]})
	}
	res.Generated = generatedColumns(res)
	res.Final = p.final
	if res.Final == nil {
		res.Final = append([]string(nil), p.output...)
	}
	res.Formats = formats(r.Format)
	res.Charts = charts(r.Charts)
}

// roleOf says whether an output name is a dimension, _level, a measure
// or a formula.
func (c *checker) roleOf(name string) result.Role {
	switch {
	case name == LevelColumn:
		return result.Level
	case contains(c.plan.Dimensions, name):
		return result.Dimension
	case c.names.formulas[name] != nil:
		return result.Formula
	}
	return result.Measure
}

// generatedColumns lists the columns the post stage adds, in the order it
// adds them: each rule's score and flag, then each score.
func generatedColumns(res *result.Result) []result.Column {
	var out []result.Column
	seen := map[string]bool{}
	add := func(name string, typ arrow.DataType, role result.Role) {
		if !seen[name] {
			seen[name] = true
			out = append(out, result.Column{Name: name, Type: typ, Role: role})
		}
	}
	for _, o := range res.Outliers {
		add(o.ScoreColumn(), arrow.PrimitiveTypes.Float64, result.OutlierScore)
		add(o.OutlierColumn(), arrow.FixedWidthTypes.Boolean, result.OutlierFlag)
	}
	for _, s := range res.Scores {
		add(s.Name, arrow.PrimitiveTypes.Float64, result.Score)
	}
	return out
}

// formats turns the format: block into display formats by column name.
func formats(entries []*spec.FormatEntry) map[string]result.Format {
	if len(entries) == 0 {
		return nil
	}
	out := make(map[string]result.Format, len(entries))
	for _, f := range entries {
		rf := result.Format{Style: f.Style.Value, Currency: f.Currency.Value, Date: f.Date.Value, Label: f.Label.Value}
		if rf.Style == "" {
			rf.Style = "number"
		}
		if f.Decimals != nil {
			d := int(f.Decimals.Value)
			rf.Decimals = &d
		}
		if f.Null != nil {
			null := f.Null.Value
			rf.Null = &null
		}
		out[f.Name.Value] = rf
	}
	return out
}

// charts turns the charts: block into the result's charts.
func charts(specs []*spec.Chart) []result.Chart {
	var out []result.Chart
	for _, ch := range specs {
		rc := result.Chart{Type: ch.Type.Value, X: ch.X.Value, Series: ch.Series.Value, Stacked: ch.Stacked, Title: ch.Title.Value}
		for _, y := range ch.Y {
			rc.Y = append(rc.Y, y.Value)
		}
		out = append(out, rc)
	}
	return out
}
