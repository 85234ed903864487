package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler"
	"github.com/assay-dev/assay/outliers"
)

// Report is the result of running a report: its record batches, streamed,
// and what the post stage found.
type Report struct {
	array.RecordReader
	// Flagged counts the rows flagged by outlier rules (0 without rules).
	Flagged int
}

// RunReport runs the plan like Run and then its post stage: outlier rules
// and scores add their columns, and the result is put in the plan's final
// column order. Without outliers or scores the result streams; with them
// it is collected first (scoring needs every row).
func RunReport(ctx context.Context, b Backend, p *compiler.Plan, values map[string]any, opts RunOptions) (*Report, error) {
	rr, err := Run(ctx, b, p, values, opts)
	if err != nil {
		return nil, err
	}
	if !p.Post() {
		return &Report{RecordReader: rr}, nil
	}
	defer rr.Release()
	alloc := opts.Alloc
	if alloc == nil {
		alloc = memory.DefaultAllocator
	}
	recs, err := collect(rr)
	if err != nil {
		return nil, err
	}
	defer releaseAll(recs)
	rules, scores := postRules(p)
	scored, err := outliers.Apply(alloc, recs, rules, scores)
	if err != nil {
		return nil, fmt.Errorf("%s: outliers: %w", p.Report.Name.Value, err)
	}
	defer releaseAll(scored)
	flagged := outliers.CountFlagged(scored, rules)
	schema := project(Schema(p), p.Final, scored)
	var out []arrow.RecordBatch
	for _, rec := range scored {
		out = append(out, selectColumns(rec, schema))
	}
	defer releaseAll(out)
	reader, err := array.NewRecordReader(schema, out)
	if err != nil {
		return nil, err
	}
	return &Report{RecordReader: reader, Flagged: flagged}, nil
}

func collect(rr array.RecordReader) ([]arrow.RecordBatch, error) {
	var recs []arrow.RecordBatch
	for rr.Next() {
		rec := rr.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
	}
	if err := rr.Err(); err != nil {
		releaseAll(recs)
		return nil, err
	}
	return recs, nil
}

func releaseAll(recs []arrow.RecordBatch) {
	for _, r := range recs {
		r.Release()
	}
}

// postRules converts the plan's rules to the outliers package's.
func postRules(p *compiler.Plan) ([]outliers.Rule, []outliers.ScoreSpec) {
	var rules []outliers.Rule
	for _, o := range p.Outliers {
		rules = append(rules, outliers.Rule{Metric: o.Metric, Method: outliers.Method(o.Method),
			Threshold: o.Threshold, K: o.K, Alpha: o.Alpha, MaxOutliers: o.MaxOutliers,
			Direction: outliers.Direction(o.Direction), Within: o.Within, MinGroup: o.MinGroup})
	}
	var scores []outliers.ScoreSpec
	for _, s := range p.Scores {
		spec := outliers.ScoreSpec{Name: s.Name}
		for i, m := range s.Metrics {
			spec.Weights = append(spec.Weights, outliers.Weight{Metric: m, Weight: s.Weights[i]})
		}
		scores = append(scores, spec)
	}
	return rules, scores
}

// project is the schema of the final columns, taken from the scored records
// (or from the plan's schema when there are no rows).
func project(planSchema *arrow.Schema, final []string, scored []arrow.RecordBatch) *arrow.Schema {
	var from *arrow.Schema
	if len(scored) > 0 {
		from = scored[0].Schema()
	}
	var fields []arrow.Field
	for _, name := range final {
		switch {
		case from != nil && len(from.FieldIndices(name)) > 0:
			fields = append(fields, from.Field(from.FieldIndices(name)[0]))
		case len(planSchema.FieldIndices(name)) > 0:
			fields = append(fields, planSchema.Field(planSchema.FieldIndices(name)[0]))
		default: // a generated column of an empty result
			fields = append(fields, arrow.Field{Name: name, Type: generatedType(name), Nullable: true})
		}
	}
	return arrow.NewSchema(fields, nil)
}

func generatedType(name string) arrow.DataType {
	if strings.HasSuffix(name, outliers.OutlierSuffix) {
		return arrow.FixedWidthTypes.Boolean
	}
	return arrow.PrimitiveTypes.Float64
}

// selectColumns returns a record of rec's columns in schema's order.
func selectColumns(rec arrow.RecordBatch, schema *arrow.Schema) arrow.RecordBatch {
	cols := make([]arrow.Array, schema.NumFields())
	for i, f := range schema.Fields() {
		cols[i] = rec.Column(rec.Schema().FieldIndices(f.Name)[0])
	}
	return array.NewRecordBatch(schema, cols, rec.NumRows())
}
