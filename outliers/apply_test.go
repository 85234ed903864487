package outliers

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/assay-dev/assay/compiler/result"
)

// testRow is one row of the result Apply is tested on; nil is NULL.
type testRow struct {
	clinic, week *string
	level        int64
	visits       *int64
	cents        int64 // cost as decimal(10,2)
	rate         float32
}

func str(s string) *string { return &s }
func i64(v int64) *int64   { return &v }

// testRows: two weeks of clinics, a subtotal for w1 and a grand total. The
// rows are split over two batches, week w2 straddling them.
var testRows = []testRow{
	{str("A"), str("w1"), 0, i64(10), 1250, 1.5},
	{str("B"), str("w1"), 0, i64(11), 1310, 1.25},
	{str("C"), str("w1"), 0, i64(12), 1275, 1.75},
	{str("D"), str("w1"), 0, i64(11), 1290, 1.5},
	{str("E"), str("w1"), 0, i64(10), 1305, 1.5},
	{str("F"), str("w1"), 0, i64(40), 9900, 0.25},
	{str("A"), str("w2"), 0, i64(20), 1260, 1.5},
	{str("B"), str("w2"), 0, i64(21), 1280, 1.25},
	{str("C"), str("w2"), 0, nil, 1300, 1.5},
	{str("D"), str("w2"), 0, i64(22), 1295, 1.5},
	{str("E"), str("w2"), 0, i64(19), 1285, 1.75},
	{nil, str("w1"), 1, i64(94), 20330, 7.75},
	{nil, nil, 2, i64(176), 26750, 15.25},
}

var testSchema = arrow.NewSchema([]arrow.Field{
	{Name: "clinic", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "week", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "_level", Type: arrow.PrimitiveTypes.Int64},
	{Name: "visits", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "cost", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
	{Name: "rate", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
}, nil)

// buildBatch makes a record batch of rows with alloc.
func buildBatch(alloc memory.Allocator, rows []testRow) arrow.RecordBatch {
	b := array.NewRecordBuilder(alloc, testSchema)
	defer b.Release()
	for _, r := range rows {
		appendString(b.Field(0).(*array.StringBuilder), r.clinic)
		appendString(b.Field(1).(*array.StringBuilder), r.week)
		b.Field(2).(*array.Int64Builder).Append(r.level)
		if r.visits == nil {
			b.Field(3).AppendNull()
		} else {
			b.Field(3).(*array.Int64Builder).Append(*r.visits)
		}
		b.Field(4).(*array.Decimal128Builder).Append(decimal128.FromI64(r.cents))
		b.Field(5).(*array.Float32Builder).Append(r.rate)
	}
	return b.NewRecordBatch()
}

func appendString(b *array.StringBuilder, s *string) {
	if s == nil {
		b.AppendNull()
		return
	}
	b.Append(*s)
}

// testBatches returns testRows as two batches; release them.
func testBatches(alloc memory.Allocator) []arrow.RecordBatch {
	return []arrow.RecordBatch{buildBatch(alloc, testRows[:7]), buildBatch(alloc, testRows[7:])}
}

// column returns the values and validity of a float64 or bool output column
// across batches (bools as 0/1).
func column(t *testing.T, recs []arrow.RecordBatch, name string) ([]float64, []bool) {
	t.Helper()
	var values []float64
	var valid []bool
	for _, rec := range recs {
		idx := rec.Schema().FieldIndices(name)
		if len(idx) != 1 {
			t.Fatalf("no column %q", name)
		}
		switch a := rec.Column(idx[0]).(type) {
		case *array.Float64:
			for i := range a.Len() {
				values, valid = append(values, a.Value(i)), append(valid, a.IsValid(i))
			}
		case *array.Boolean:
			for i := range a.Len() {
				v := 0.0
				if a.Value(i) {
					v = 1
				}
				values, valid = append(values, v), append(valid, a.IsValid(i))
			}
		default:
			t.Fatalf("column %q is %s", name, a.DataType())
		}
	}
	return values, valid
}

func TestApply(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	in := testBatches(alloc)
	defer releaseAll(in)
	rules := []result.OutlierRule{
		{Metric: "visits", Method: result.RobustZ, Within: []string{"week"}},
		{Metric: "cost", Method: result.IQR},
		{Metric: "rate", Method: result.ZScore, Threshold: 1.5, Within: []string{"week", "clinic"}, MinGroup: 1},
	}
	scores := []result.ScoreRule{{Name: "efficiency", Weights: []result.Weight{{Metric: "visits", Weight: 0.6}, {Metric: "cost", Weight: -0.4}}}}
	out, err := Apply(alloc, in, rules, scores)
	if err != nil {
		t.Fatal(err)
	}
	defer releaseAll(out)
	if len(out) != 2 || out[0].NumRows() != 7 || out[1].NumRows() != 6 {
		t.Fatalf("batches %d", len(out))
	}
	var names []string
	for _, f := range out[0].Schema().Fields() {
		names = append(names, f.Name)
	}
	want := []string{"clinic", "week", "_level", "visits", "cost", "rate", "visits_score", "visits_outlier",
		"cost_score", "cost_outlier", "rate_score", "rate_outlier", "efficiency"}
	if !slices.Equal(names, want) {
		t.Fatalf("columns %v", names)
	}
	checkVisits(t, out)
	checkCost(t, out)
	if n := CountFlagged(out, rules); n != 2 {
		t.Errorf("CountFlagged = %d, want 2 (F's visits and cost)", n)
	}
	checkRateAndScore(t, out)
}

// checkVisits: robust_z within week; the NULL visit and the totals are NULL.
func checkVisits(t *testing.T, out []arrow.RecordBatch) {
	scores, valid := column(t, out, "visits_score")
	flags, flagValid := column(t, out, "visits_outlier")
	w1 := mustScore(t, []float64{10, 11, 12, 11, 10, 40}, nil, result.OutlierRule{Method: result.RobustZ})
	w2 := mustScore(t, []float64{20, 21, 22, 19}, nil, result.OutlierRule{Method: result.RobustZ})
	wantScores := append(append(slices.Clone(w1.Scores), w2.Scores[:2]...), 0)
	wantScores = append(wantScores, w2.Scores[2:]...)
	for i, w := range wantScores {
		if !valid[i] && i != 8 || valid[i] && (i == 8 || scores[i] != w) {
			t.Errorf("visits row %d: %v %v, want %v", i, scores[i], valid[i], w)
		}
	}
	if valid[11] || valid[12] || flagValid[11] || flagValid[12] || !slices.Equal(flagValid, valid) {
		t.Errorf("totals or flags validity: %v %v", valid, flagValid)
	}
	if flags[5] != 1 || slices.Index(flags[6:], 1) >= 0 || slices.Index(flags[:5], 1) >= 0 {
		t.Errorf("flags %v, want only F in w1", flags)
	}
}

// checkCost: decimals read exactly, scored as one group without totals.
func checkCost(t *testing.T, out []arrow.RecordBatch) {
	costs := make([]float64, 11)
	for i, r := range testRows[:11] {
		costs[i] = float64(r.cents) / 100
	}
	want := mustScore(t, costs, nil, result.OutlierRule{Method: result.IQR})
	scores, valid := column(t, out, "cost_score")
	for i := range costs {
		if !valid[i] || scores[i] != want.Scores[i] {
			t.Errorf("cost row %d: %v, want %v", i, scores[i], want.Scores[i])
		}
	}
	if valid[11] || valid[12] {
		t.Error("totals scored")
	}
	if flags, _ := column(t, out, "cost_outlier"); flags[5] != 1 || want.Outliers() != 1 {
		t.Errorf("cost flags %v", flags)
	}
}

// checkRateAndScore: groups of one (week × clinic) cannot be z-scored; the
// score blends visits (higher better) and cost (lower better).
func checkRateAndScore(t *testing.T, out []arrow.RecordBatch) {
	if _, valid := column(t, out, "rate_score"); slices.Contains(valid, true) {
		t.Errorf("rate scored in groups of one: %v", valid)
	}
	visits := []float64{10, 11, 12, 11, 10, 40, 20, 21, math.NaN(), 22, 19}
	costs := make([]float64, 11)
	for i, r := range testRows[:11] {
		costs[i] = float64(r.cents) / 100
	}
	want, wantOK, err := Blend([][]float64{visits, costs}, nil, []float64{0.6, -0.4})
	if err != nil {
		t.Fatal(err)
	}
	got, ok := column(t, out, "efficiency")
	for i := range want {
		if ok[i] != wantOK[i] || math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("efficiency row %d: %v, want %v", i, got[i], want[i])
		}
	}
	if ok[11] || ok[12] {
		t.Error("totals have a score")
	}
}

func TestApplyErrors(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	in := testBatches(alloc)
	defer releaseAll(in)
	other := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 0)
	defer other.Release()
	for name, c := range map[string]struct {
		recs   []arrow.RecordBatch
		rules  []result.OutlierRule
		scores []result.ScoreRule
		want   error
	}{
		"unknown metric": {in, []result.OutlierRule{{Metric: "nope", Method: result.ZScore}}, nil, ErrUnknownColumn},
		"unknown within": {in, []result.OutlierRule{{Metric: "visits", Method: result.ZScore, Within: []string{"nope"}}}, nil, ErrUnknownColumn},
		"text metric":    {in, []result.OutlierRule{{Metric: "clinic", Method: result.ZScore}}, nil, ErrNotNumeric},
		"score metric":   {in, nil, []result.ScoreRule{{Name: "s", Weights: []result.Weight{{Metric: "nope", Weight: 1}}}}, ErrUnknownColumn},
		"twice":          {in, []result.OutlierRule{{Metric: "visits", Method: result.ZScore}, {Metric: "visits", Method: result.IQR}}, nil, ErrDuplicateColumn},
		"existing":       {in, nil, []result.ScoreRule{{Name: "cost", Weights: []result.Weight{{Metric: "visits", Weight: 1}}}}, ErrDuplicateColumn},
		"bad rule":       {in, []result.OutlierRule{{Metric: "visits", Method: "mad"}}, nil, result.ErrInvalidRule},
		"bad score":      {in, nil, []result.ScoreRule{{Name: "s"}}, result.ErrInvalidScore},
		"schemas":        {[]arrow.RecordBatch{in[0], other}, nil, nil, ErrSchemaMismatch},
	} {
		out, err := Apply(alloc, c.recs, c.rules, c.scores)
		if !errors.Is(err, c.want) || out != nil {
			t.Errorf("%s: err = %v, want %v", name, err, c.want)
		}
	}
	if out, err := Apply(alloc, nil, nil, nil); out != nil || err != nil {
		t.Errorf("no batches: %v %v", out, err)
	}
}

func TestDecimal128Float(t *testing.T) {
	for _, c := range []struct {
		v     decimal128.Num
		scale int32
		want  float64
	}{
		{decimal128.FromI64(1234), 2, 12.34},
		{decimal128.FromI64(-1234), 2, -12.34},
		{decimal128.FromI64(7), 0, 7},
		{decimal128.FromI64(5), -2, 500},
		{decimal128.New(1, 0), 2, 18446744073709551616.0 / 100},
		{decimal128.FromI64(-(1 << 60)), 3, -float64(1<<60) / 1000},
	} {
		if got := decimal128Float(c.v, c.scale); got != c.want {
			t.Errorf("%v scale %d: %v, want %v", c.v, c.scale, got, c.want)
		}
	}
}

func TestNumericTypes(t *testing.T) {
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer alloc.AssertSize(t, 0)
	for _, typ := range []arrow.DataType{
		arrow.PrimitiveTypes.Int8, arrow.PrimitiveTypes.Int16, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64,
		arrow.PrimitiveTypes.Uint8, arrow.PrimitiveTypes.Uint16, arrow.PrimitiveTypes.Uint32, arrow.PrimitiveTypes.Uint64,
		arrow.FixedWidthTypes.Float16, arrow.PrimitiveTypes.Float32, arrow.PrimitiveTypes.Float64,
		&arrow.Decimal32Type{Precision: 5, Scale: 1}, &arrow.Decimal64Type{Precision: 12, Scale: 2},
		&arrow.Decimal128Type{Precision: 20, Scale: 3}, &arrow.Decimal256Type{Precision: 40, Scale: 2},
	} {
		want, text := []float64{1, 2.5, 0, 4}, `[1, 2.5, null, 4]`
		if arrow.IsInteger(typ.ID()) {
			want[1], text = 2, `[1, 2, null, 4]`
		}
		arr, _, err := array.FromJSON(alloc, typ, strings.NewReader(text))
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		values, valid, err := chunks{arr}.floats()
		arr.Release()
		if err != nil || !slices.Equal(valid, []bool{true, true, false, true}) ||
			values[0] != want[0] || values[1] != want[1] || values[3] != want[3] {
			t.Errorf("%s: %v %v %v", typ, values, valid, err)
		}
	}
	nulls := array.NewNull(3)
	defer nulls.Release()
	if _, valid, err := (chunks{nulls}).floats(); err != nil || slices.Contains(valid, true) {
		t.Errorf("null column: %v %v", valid, err)
	}
}
