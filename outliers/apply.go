package outliers

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

// Apply scores a report result. recs are consecutive record batches of one
// schema, read as one table (a group may span batches). For each rule it
// appends the columns <metric>_score (float64) and <metric>_outlier (bool),
// both NULL where the score is NULL; then one float64 column per score,
// named after it. Rows whose _level column (if any) is greater than 0 are
// totals: they are left out of every group and rank and get NULL.
//
// Apply returns new record batches, one per input batch with the same
// rows, sharing the input's columns; the caller releases them, and still
// owns (and releases) recs. New arrays are allocated from alloc.
func Apply(alloc memory.Allocator, recs []arrow.RecordBatch, rules []result.OutlierRule, scores []result.ScoreRule) ([]arrow.RecordBatch, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	rules, err := prepare(recs, rules, scores)
	if err != nil {
		return nil, err
	}
	scored, err := scoreRows(recs, rules, scores)
	if err != nil {
		return nil, err
	}
	return build(alloc, recs, scored), nil
}

// prepare checks the batches share a schema, applies the rules' defaults,
// validates rules and scores, and refuses output names that clash.
func prepare(recs []arrow.RecordBatch, rules []result.OutlierRule, scores []result.ScoreRule) ([]result.OutlierRule, error) {
	schema := recs[0].Schema()
	for _, rec := range recs[1:] {
		if !rec.Schema().Equal(schema) {
			return nil, fmt.Errorf("outliers: %w", ErrSchemaMismatch)
		}
	}
	out := make([]result.OutlierRule, len(rules))
	var names []string
	for i, r := range rules {
		out[i] = r.WithDefaults()
		if err := out[i].Validate(); err != nil {
			return nil, err
		}
		names = append(names, out[i].ScoreColumn(), out[i].OutlierColumn())
	}
	for _, s := range scores {
		if err := s.Validate(); err != nil {
			return nil, err
		}
		names = append(names, s.Name)
	}
	return out, checkNames(schema, names)
}

// checkNames refuses new column names that exist in schema or repeat.
func checkNames(schema *arrow.Schema, names []string) error {
	taken := map[string]bool{}
	for _, f := range schema.Fields() {
		taken[f.Name] = true
	}
	for _, name := range names {
		if taken[name] {
			return fmt.Errorf("outliers: %w %q", ErrDuplicateColumn, name)
		}
		taken[name] = true
	}
	return nil
}

// newColumn is one column Apply adds, for all rows of all batches.
type newColumn struct {
	name    string
	floats  []float64 // a float64 column when flags is nil
	flags   []bool    // a bool column when not nil
	present []bool    // false: NULL
}

// scoreRows computes the new columns over all rows of recs.
func scoreRows(recs []arrow.RecordBatch, rules []result.OutlierRule, scores []result.ScoreRule) ([]newColumn, error) {
	totals, err := totalsRows(recs)
	if err != nil {
		return nil, err
	}
	var out []newColumn
	for _, r := range rules {
		res, err := applyRule(recs, r, totals)
		if err != nil {
			return nil, err
		}
		out = append(out,
			newColumn{name: r.ScoreColumn(), floats: res.Scores, present: res.Valid},
			newColumn{name: r.OutlierColumn(), flags: res.Flagged, present: res.Valid})
	}
	for _, s := range scores {
		col, err := applyScore(recs, s, totals)
		if err != nil {
			return nil, err
		}
		out = append(out, col)
	}
	return out, nil
}

// totalsRows marks the rows whose _level is greater than 0; it returns nil
// when the result has no _level column.
func totalsRows(recs []arrow.RecordBatch) ([]bool, error) {
	if len(recs[0].Schema().FieldIndices(result.LevelColumn)) == 0 {
		return nil, nil
	}
	col, _ := columnOf(recs, result.LevelColumn)
	levels, valid, err := col.floats()
	if err != nil {
		return nil, fmt.Errorf("outliers: column %s: %w", result.LevelColumn, err)
	}
	totals := make([]bool, len(levels))
	for i, l := range levels {
		totals[i] = valid[i] && l > 0
	}
	return totals, nil
}

// applyRule scores one rule over all rows.
func applyRule(recs []arrow.RecordBatch, r result.OutlierRule, totals []bool) (Result, error) {
	values, valid, err := metricOf(recs, r.Metric)
	if err != nil {
		return Result{}, err
	}
	groups, err := groupsOf(recs, r.Within, len(values))
	if err != nil {
		return Result{}, err
	}
	for i, t := range totals {
		if t {
			groups[i] = NotScored
		}
	}
	return ScoreGroups(values, valid, groups, r)
}

// metricOf reads a metric column as float64.
func metricOf(recs []arrow.RecordBatch, name string) ([]float64, []bool, error) {
	col, err := columnOf(recs, name)
	if err != nil {
		return nil, nil, err
	}
	values, valid, err := col.floats()
	if err != nil {
		return nil, nil, fmt.Errorf("outliers: metric %q: %w", name, err)
	}
	return values, valid, nil
}

// groupsOf numbers the groups formed by the values of the within columns.
func groupsOf(recs []arrow.RecordBatch, within []string, rows int) ([]int, error) {
	groups := make([]int, rows)
	if len(within) == 0 {
		return groups, nil
	}
	cols := make([]chunks, len(within))
	for i, name := range within {
		c, err := columnOf(recs, name)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	ids := map[string]int{}
	for i, k := range keys(cols) {
		id, ok := ids[k]
		if !ok {
			id = len(ids)
			ids[k] = id
		}
		groups[i] = id
	}
	return groups, nil
}

// applyScore computes one score over all rows.
func applyScore(recs []arrow.RecordBatch, s result.ScoreRule, totals []bool) (newColumn, error) {
	metrics := make([][]float64, len(s.Weights))
	valid := make([][]bool, len(s.Weights))
	weights := make([]float64, len(s.Weights))
	for j, w := range s.Weights {
		values, ok, err := metricOf(recs, w.Metric)
		if err != nil {
			return newColumn{}, fmt.Errorf("score %q: %w", s.Name, err)
		}
		for i, t := range totals {
			ok[i] = ok[i] && !t
		}
		metrics[j], valid[j], weights[j] = values, ok, w.Weight
	}
	blend, present, err := Blend(metrics, valid, weights)
	if err != nil {
		return newColumn{}, err
	}
	return newColumn{name: s.Name, floats: blend, present: present}, nil
}

// build returns recs with the new columns appended.
func build(alloc memory.Allocator, recs []arrow.RecordBatch, cols []newColumn) []arrow.RecordBatch {
	schema := outputSchema(recs[0].Schema(), cols)
	out := make([]arrow.RecordBatch, 0, len(recs))
	offset := 0
	for _, rec := range recs {
		n := int(rec.NumRows())
		arrays := append([]arrow.Array(nil), rec.Columns()...)
		added := make([]arrow.Array, 0, len(cols))
		for _, c := range cols {
			added = append(added, c.array(alloc, offset, offset+n))
		}
		out = append(out, array.NewRecordBatch(schema, append(arrays, added...), int64(n)))
		for _, a := range added {
			a.Release()
		}
		offset += n
	}
	return out
}

// outputSchema is schema with the new columns' fields appended.
func outputSchema(schema *arrow.Schema, cols []newColumn) *arrow.Schema {
	fields := append([]arrow.Field(nil), schema.Fields()...)
	for _, c := range cols {
		typ := arrow.DataType(arrow.PrimitiveTypes.Float64)
		if c.flags != nil {
			typ = arrow.FixedWidthTypes.Boolean
		}
		fields = append(fields, arrow.Field{Name: c.name, Type: typ, Nullable: true})
	}
	meta := schema.Metadata()
	return arrow.NewSchema(fields, &meta)
}

// array builds the rows [from, to) of the column.
func (c newColumn) array(alloc memory.Allocator, from, to int) arrow.Array {
	if c.flags != nil {
		b := array.NewBooleanBuilder(alloc)
		defer b.Release()
		b.AppendValues(c.flags[from:to], c.present[from:to])
		return b.NewArray()
	}
	b := array.NewFloat64Builder(alloc)
	defer b.Release()
	b.AppendValues(c.floats[from:to], c.present[from:to])
	return b.NewArray()
}

// CountFlagged returns the number of flags in record batches returned by
// Apply: the true values of the rules' <metric>_outlier columns (a row
// flagged by two rules counts twice). It is what --fail-on-outliers tests.
func CountFlagged(recs []arrow.RecordBatch, rules []result.OutlierRule) int {
	n := 0
	for _, rec := range recs {
		for _, r := range rules {
			for _, i := range rec.Schema().FieldIndices(r.OutlierColumn()) {
				n += countTrue(rec.Column(i))
			}
		}
	}
	return n
}

func countTrue(arr arrow.Array) int {
	b, ok := arr.(*array.Boolean)
	if !ok {
		return 0
	}
	n := 0
	for i := range b.Len() {
		if b.IsValid(i) && b.Value(i) {
			n++
		}
	}
	return n
}
